// What the network view's colours mean: a bright cell sent a change this step (brighter = larger),
// a faint one is silent and keeps the tint of the value it last sent (x̂).
export function NetworkLegend() {
  return (
    <span className="net-legend" data-testid="net-legend">
      <span>
        Δ sent:
        <span className="swatch up" /> up
        <span className="swatch down" /> down
        <span className="muted-note">(brighter = larger)</span>
      </span>
      <span>
        silent (|Δ| ≤ Θ), tint of x̂:
        <span className="swatch held-up" /> ≥ 0
        <span className="swatch held-down" /> &lt; 0
        <span className="swatch silent" /> 0
      </span>
    </span>
  );
}
