// What the network view's colours mean.
export function NetworkLegend() {
  return (
    <span className="net-legend">
      Δ sent:
      <span className="swatch up" /> up
      <span className="swatch down" /> down
      <span className="swatch silent" /> none (≤ Θ)
    </span>
  );
}
