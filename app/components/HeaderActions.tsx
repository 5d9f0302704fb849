// Open a file, copy link, export the trace, presentation mode, full screen, help.

import { isCtcState } from '../connected/is-ctc';
import { download } from '../export/download';
import { traceToJson } from '../export/trace-json';
import { errorText } from '../store/engine-errors';
import { useLab, useLabStore } from '../store/lab-context';
import { CopyLink } from './CopyLink';
import { toggleFullscreen } from './fullscreen';
import { Icon } from './Icon';
import { OpenFileButton } from './OpenFileButton';

export function HeaderActions() {
  const store = useLabStore();
  const presentation = useLab((s) => s.presentation);
  const setPresentation = useLab((s) => s.setPresentation);
  const setHelpOpen = useLab((s) => s.setHelpOpen);
  const hasTrace = useLab((s) => s.trace !== null);
  // The explanation's figures are the one-word digits' (the driving and connected-digit views have their own).
  const canExplain = useLab((s) => s.task !== 'driving' && !isCtcState(s));
  const explaining = useLab((s) => s.explainStep !== null);
  const setExplainStep = useLab((s) => s.setExplainStep);
  const notify = useLab((s) => s.notify);

  const exportTrace = () => {
    const s = store.getState();
    const pack = s.packId ? s.packs[s.packId] : undefined;
    if (!s.trace || !s.thresholds || !s.modelId || !pack) return;
    try {
      const text = traceToJson(
        {
          model: s.modelId,
          pack: pack.id,
          item: pack.items[s.itemIndex]?.id ?? '',
          itemIndex: s.itemIndex,
          thresholds: s.thresholds,
          mode: s.mode,
        },
        s.trace,
      );
      download(
        new Blob([text], { type: 'application/json' }),
        `deltalab-trace-${pack.items[s.itemIndex]?.id ?? s.itemIndex}.json`,
      );
    } catch (e) {
      notify('error', `Trace export failed: ${errorText(e)}`);
    }
  };

  return (
    <div className="header-actions">
      {canExplain && (
        <button
          type="button"
          aria-pressed={explaining}
          onClick={() => setExplainStep(explaining ? null : 1)}
          title="a guided explanation of delta networks, step by step, on this sample"
          data-testid="explain-open"
        >
          Explain
        </button>
      )}
      <OpenFileButton />
      <CopyLink />
      <button type="button" className="hide-in-presentation" onClick={exportTrace} disabled={!hasTrace}>
        Trace JSON
      </button>
      <button
        type="button"
        aria-pressed={presentation}
        onClick={() => setPresentation(!presentation)}
        title="presentation mode (P)"
      >
        Present
      </button>
      <button type="button" onClick={toggleFullscreen} title="full screen (f)" aria-label="Full screen">
        <Icon name="fullscreen" />
      </button>
      <button
        type="button"
        onClick={() => setHelpOpen(true)}
        title="keyboard shortcuts (?)"
        aria-haspopup="dialog"
        aria-label="Help"
      >
        ?
      </button>
    </div>
  );
}
