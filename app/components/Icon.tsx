// Small inline SVG icons (no icon font: nothing is fetched, and every system draws them the same).
const PATHS = {
  restart: 'M3 2h2v12H3zM14 2v12L6 8z',
  back: 'M13 2v12L5 8zM3 2h2v12H3z',
  play: 'M4 2l10 6-10 6z',
  pause: 'M3 2h4v12H3zM9 2h4v12H9z',
  forward: 'M3 2v12l8-6zM11 2h2v12h-2z',
  fullscreen: 'M1 1h5v2H3v3H1zM10 1h5v5h-2V3h-3zM1 10h2v3h3v2H1zM13 10h2v5h-5v-2h3z',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" className="icon">
      <path d={PATHS[name]} fill="currentColor" />
    </svg>
  );
}
