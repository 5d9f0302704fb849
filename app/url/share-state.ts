// The shareable slice of the lab state, as written into links.
import { DEFAULT_IDLE_S } from '../store/demo-options';
import type { LabState } from '../store/types';
import type { ShareState } from './share-schema';

export function shareStateOf(s: LabState): ShareState {
  const share: ShareState = {};
  if (s.task) share.task = s.task;
  if (s.modelId) share.model = s.modelId;
  if (s.packId) share.item = s.itemIndex;
  if (s.thresholds) {
    share.tx = s.thresholds.thetaX;
    share.th = s.thresholds.thetaH;
  }
  share.mode = s.mode;
  share.pres = s.presentation;
  share.layers = s.perLayer;
  if (s.neuron) share.neuron = s.neuron;
  share.speed = s.speed as ShareState['speed'];
  // Demo options only when set, so that ordinary links stay as they were.
  if (s.loop) share.loop = true;
  if (s.kiosk) share.kiosk = true;
  if (s.kioskIdleS !== DEFAULT_IDLE_S) share.idle = s.kioskIdleS;
  if (s.embed) share.view = s.embed;
  if (s.hidden.length > 0) share.hide = s.hidden;
  if (s.task === 'driving') share.drive = s.drive;
  if (s.hear !== 'string') share.hear = s.hear;
  if (s.explainStep !== null) share.explain = s.explainStep;
  return share;
}
