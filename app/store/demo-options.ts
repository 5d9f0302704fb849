// Link options for demos (issue 12): the booth tour, one view alone for an <iframe>, hidden controls.
/** Views that can be shown alone: the trade-off chart, the network's firing (cells and raster), one neuron. */
export const EMBED_VIEWS = ['tradeoff', 'network', 'neuron'] as const;
export type EmbedView = (typeof EMBED_VIEWS)[number];

/** Parts of the page a link may hide. */
export const HIDEABLE_CONTROLS = [
  'header',
  'pickers',
  'actions',
  'thresholds',
  'transport',
  'status',
  'tools',
] as const;
export type HideableControl = (typeof HIDEABLE_CONTROLS)[number];

/** A paused tour resumes after this long without a touch, unless the link says otherwise (idle=). */
export const DEFAULT_IDLE_S = 60;
export const MAX_IDLE_S = 3600;
