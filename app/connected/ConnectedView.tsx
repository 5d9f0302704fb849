// The connected-digits task's page body: one string frame by frame (transcript, emission
// probabilities, both layers firing), or always-on listening (operations per second against dense).
// Everything shown was computed by the workers; this view only draws it.
import { NetworkCanvas } from '../canvas/NetworkCanvas';
import { SpectrogramCanvas } from '../canvas/SpectrogramCanvas';
import { CostMeter } from '../components/CostMeter';
import { NetworkLegend } from '../components/NetworkLegend';
import { Panel } from '../components/Panel';
import { RightColumn } from '../components/RightColumn';
import { TradeoffPanel } from '../components/TradeoffPanel';
import { TourCaption } from '../kiosk/TourCaption';
import { useLab } from '../store/lab-context';
import { HearSwitch } from './HearSwitch';
import { ListenControls } from './ListenControls';
import { ListenCounters } from './ListenCounters';
import { RateCanvas } from './RateCanvas';
import { TranscriptPanel } from './TranscriptPanel';
import './connected.css';

export function ConnectedView() {
  const hear = useLab((s) => s.hear);
  const layers = useLab((s) => (s.modelId ? (s.models[s.modelId]?.layers.length ?? 0) : 0));
  const always = hear === 'always';
  return (
    <main className="grid connected-grid" data-testid="connected-view" data-hear={hear}>
      <div className="column column-left">
        {always ? (
          <Panel title="Always on: listening" area="listen" actions={<HearSwitch />}>
            <ListenControls />
            <ListenCounters />
          </Panel>
        ) : (
          <>
            <Panel title="Input: log-mel spectrogram" area="input" actions={<HearSwitch />}>
              <SpectrogramCanvas />
            </Panel>
            <Panel title="Transcript, frame by frame" area="transcript">
              <TranscriptPanel />
            </Panel>
          </>
        )}
      </div>
      {always ? (
        <Panel title="Operations per second: delta vs dense, same audio" area="network">
          <RateCanvas />
        </Panel>
      ) : (
        <Panel
          title={`Network: ${layers} GRU layers, one cell per neuron`}
          area="network"
          actions={<NetworkLegend />}
        >
          <NetworkCanvas />
          <TourCaption />
        </Panel>
      )}
      <RightColumn
        costTitle="Cost: dense vs delta"
        cost={<CostMeter />}
        tradeoffTitle="Trade-off: digit error rate vs speedup"
        tradeoff={<TradeoffPanel />}
      />
    </main>
  );
}
