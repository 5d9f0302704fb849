// One view of the lab alone (view=tradeoff | network | neuron), for an <iframe> in slides or a course
// page: the view's panel filling the frame, the transport under the animated ones, the status line.
import { NetworkCanvas } from '../canvas/NetworkCanvas';
import { NetworkLegend } from '../components/NetworkLegend';
import { NeuronPanel } from '../components/NeuronPanel';
import { Panel } from '../components/Panel';
import { StatusLine } from '../components/StatusLine';
import { TradeoffPanel } from '../components/TradeoffPanel';
import { Transport } from '../components/Transport';
import type { EmbedView } from '../store/demo-options';
import { useLab } from '../store/lab-context';
import { labClass } from './lab-class';
import './embed.css';

function ViewPanel({ view }: { view: EmbedView }) {
  switch (view) {
    case 'tradeoff':
      return (
        <Panel title="Trade-off: accuracy vs speedup" area="tradeoff">
          <TradeoffPanel />
        </Panel>
      );
    case 'network':
      return (
        <Panel title="Network: one cell per neuron" area="network" actions={<NetworkLegend />}>
          <NetworkCanvas />
        </Panel>
      );
    case 'neuron':
      return (
        <Panel title="One neuron up close" area="neuron">
          <NeuronPanel />
        </Panel>
      );
  }
}

export function EmbedApp({ view }: { view: EmbedView }) {
  const presentation = useLab((s) => s.presentation);
  const hidden = useLab((s) => s.hidden);
  return (
    <div className={labClass('lab embed', presentation, hidden)} data-embed={view}>
      <main className="embed-main">
        <ViewPanel view={view} />
      </main>
      <footer className="footer">
        {view !== 'tradeoff' && <Transport />}
        <StatusLine />
      </footer>
    </div>
  );
}
