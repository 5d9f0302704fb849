// The lab page: one screen, no scrolling. Views read the store; canvases paint outside React.
import { NetworkCanvas } from './canvas/NetworkCanvas';
import { SpectrogramCanvas } from './canvas/SpectrogramCanvas';
import { CostMeter } from './components/CostMeter';
import { DropZone } from './components/DropZone';
import { HeaderActions } from './components/HeaderActions';
import { HelpOverlay } from './components/HelpOverlay';
import { ModelPicker } from './components/ModelPicker';
import { NetworkLegend } from './components/NetworkLegend';
import { NeuronPanel } from './components/NeuronPanel';
import { Panel } from './components/Panel';
import { Prediction } from './components/Prediction';
import { RightColumn } from './components/RightColumn';
import { SamplePicker } from './components/SamplePicker';
import { StatusLine } from './components/StatusLine';
import { Transport } from './components/Transport';
import { useShortcuts } from './components/use-shortcuts';
import { ConnectedView } from './connected/ConnectedView';
import { isCtcState } from './connected/is-ctc';
import { StringPicker } from './connected/StringPicker';
import { ClipPicker } from './driving/ClipPicker';
import { DrivingView } from './driving/DrivingView';
import { EmbedApp } from './embed/EmbedApp';
import { labClass } from './embed/lab-class';
import { ExplainView } from './explain/ExplainView';
import { inputWord } from './format/task-labels';
import { TradeoffArea, TradeoffViewSwitch } from './heatmap/TradeoffView';
import { TourCaption } from './kiosk/TourCaption';
import { ActivationPicker } from './own-model/ActivationPicker';
import { useLab } from './store/lab-context';
import { VoiceControls } from './voice/VoiceControls';

export function App() {
  const presentation = useLab((s) => s.presentation);
  const hidden = useLab((s) => s.hidden);
  const embed = useLab((s) => s.embed);
  const driving = useLab((s) => s.task === 'driving');
  const ctc = useLab(isCtcState);
  const featureKind = useLab((s) => (s.modelId ? s.models[s.modelId]?.featureKind : undefined));
  const explaining = useLab((s) => s.explainStep !== null && s.task !== 'driving');
  useShortcuts();
  if (embed) return <EmbedApp view={embed} />;
  return (
    <DropZone className={labClass('lab', presentation, hidden)}>
      <header className="topbar">
        <h1 title="Delta networks: send a neuron's change only when it exceeds a threshold">DeltaLab</h1>
        <ModelPicker />
        <ActivationPicker />
        {driving ? <ClipPicker /> : ctc ? <StringPicker /> : <SamplePicker />}
        {!driving && !ctc && <VoiceControls />}
        <HeaderActions />
      </header>
      {explaining && !ctc ? (
        <ExplainView />
      ) : driving ? (
        <DrivingView />
      ) : ctc ? (
        <ConnectedView />
      ) : (
        <main className="grid">
          <div className="column column-left">
            <Panel title={`Input: ${inputWord(featureKind)}`} area="input">
              <SpectrogramCanvas />
            </Panel>
            <Panel title="Prediction" area="prediction">
              <Prediction />
            </Panel>
            <Panel title="One neuron up close" area="neuron">
              <NeuronPanel />
            </Panel>
          </div>
          <Panel title="Network: one cell per neuron" area="network" actions={<NetworkLegend />}>
            <NetworkCanvas />
            <TourCaption />
          </Panel>
          <RightColumn
            costTitle="Cost: dense vs delta"
            cost={<CostMeter />}
            tradeoffTitle="Trade-off: accuracy vs speedup"
            tradeoff={<TradeoffArea />}
            tradeoffActions={<TradeoffViewSwitch />}
          />
        </main>
      )}
      <footer className="footer">
        <Transport />
        <StatusLine />
      </footer>
      <HelpOverlay />
    </DropZone>
  );
}
