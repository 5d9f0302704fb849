// What the driving canvases draw from: they repaint when any of it changes (one list for all of them).
import type { LabState } from '../store/types';

export const drivingFrameChanged = (s: LabState, p: LabState): boolean =>
  s.drive !== p.drive ||
  s.clip !== p.clip ||
  s.trace !== p.trace ||
  s.roadVersion !== p.roadVersion ||
  s.presentation !== p.presentation ||
  Math.floor(s.position) !== Math.floor(p.position);
