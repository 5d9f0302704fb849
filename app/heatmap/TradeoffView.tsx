// The trade-off panel shows the curves or the Θx × Θh grid; the switch sits in the panel's title bar.
import { TradeoffPanel } from '../components/TradeoffPanel';
import { useLab } from '../store/lab-context';
import { HeatmapPanel } from './HeatmapPanel';
import type { TradeoffView } from './heatmap-slice';
import './heatmap.css';

const VIEWS: { view: TradeoffView; label: string; title: string }[] = [
  { view: 'curve', label: 'curves', title: 'Accuracy against speedup along each model’s curve' },
  { view: 'grid', label: 'grid', title: 'Accuracy and speedup at every Θx × Θh (21 × 21), computed live' },
];

export function TradeoffViewSwitch() {
  const view = useLab((s) => s.tradeoffView);
  const setView = useLab((s) => s.setTradeoffView);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a pair of toggle buttons, not a form field
    <span className="seg view-switch" role="group" aria-label="Trade-off view">
      {VIEWS.map((v) => (
        <button
          key={v.view}
          type="button"
          title={v.title}
          aria-pressed={view === v.view}
          data-testid={`view-${v.view}`}
          onClick={() => setView(v.view)}
        >
          {v.label}
        </button>
      ))}
    </span>
  );
}

export function TradeoffArea() {
  const view = useLab((s) => s.tradeoffView);
  return view === 'grid' ? <HeatmapPanel /> : <TradeoffPanel />;
}
