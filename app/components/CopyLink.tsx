// Copy link: copies the view's address and shows it, selected, in a popover that Escape or a click
// elsewhere closes (without clipboard permission it is there to copy by hand).
import { useEffect, useRef, useState } from 'react';
import { useLab, useLabStore } from '../store/lab-context';
import { shareUrl } from '../url/url-sync';

export function CopyLink() {
  const store = useLabStore();
  const notify = useLab((s) => s.notify);
  const [copied, setCopied] = useState('');
  const anchor = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    if (!copied) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setCopied('');
    };
    const onDown = (e: PointerEvent) => {
      if (!(e.target instanceof Node && anchor.current?.contains(e.target))) setCopied('');
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onDown);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onDown);
    };
  }, [copied]);

  const copyLink = () => {
    const url = shareUrl(store, window.location.href);
    setCopied(url);
    navigator.clipboard?.writeText(url).then(
      () => notify('info', 'Link copied.'),
      () => undefined,
    );
  };

  return (
    <span className="link-anchor" ref={anchor}>
      <button type="button" onClick={copyLink} data-testid="copy-link">
        Copy link
      </button>
      {copied && (
        <span className="link-popover" data-testid="link-popover">
          <input
            className="link-field"
            readOnly
            value={copied}
            aria-label="Link to this view"
            data-testid="link-field"
            onFocus={(e) => e.currentTarget.select()}
          />
          <button type="button" onClick={() => setCopied('')} aria-label="Close link">
            ×
          </button>
        </span>
      )}
    </span>
  );
}
