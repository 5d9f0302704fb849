// The trade-off chart's styles live inside its <svg>, so an exported SVG or PNG looks like the page.
export const TRADEOFF_STYLE = `
.tradeoff { font: 11px system-ui, sans-serif; fill: currentColor; color: var(--fg, #d8e0ea); }
.tradeoff .bg { fill: var(--panel, #151b23); }
.tradeoff .axis line { stroke: var(--muted, #7a8797); }
.tradeoff .axis text { fill: var(--muted, #9aa7b8); }
.tradeoff .axis-label { fill: var(--fg, #d8e0ea); }
.tradeoff .grid line { stroke: var(--grid, #26303c); }
.tradeoff .curve { fill: none; stroke-width: 1.8; }
.tradeoff .curve.live { stroke-dasharray: 5 3; }
.tradeoff .curve.current { stroke-width: 3; }
.tradeoff .unlisted { opacity: 0.45; }
.tradeoff .pt { stroke: var(--panel, #151b23); stroke-width: 1; cursor: pointer; }
.tradeoff .pt:hover, .tradeoff .pt.cursor { stroke: var(--fg, #fff); stroke-width: 2.5; }
.tradeoff:focus-visible { outline: 2px solid var(--focus, #ffd54a); outline-offset: -2px; }
.tradeoff .chart-note, .tradeoff .chart-title { fill: var(--fg, #d8e0ea); }
.tradeoff .chart-title { font-weight: 600; }
.tradeoff .live-point { fill: #fff; stroke: #ff3d7f; stroke-width: 3; pointer-events: none; }
.tradeoff .legend { pointer-events: none; }
.tradeoff .legend text { fill: var(--fg, #d8e0ea); paint-order: stroke; stroke: var(--panel, #151b23); stroke-width: 3px; }
`;
