// The renderer: a pseudo-3D road drawn by marching slices of road from near to far, each filling
// the screen rows between it and the previous one that are not yet covered (so a crest hides
// what lies behind it), then roadside objects painted far to near, all at 2×2 samples a pixel
// averaged down, so edges move smoothly from frame to frame instead of jumping a whole pixel.
import { CAMERA_HEIGHT, CENTRE_X, FOCAL, FRAME_HEIGHT, FRAME_WIDTH, HORIZON } from './camera';
import type { Look } from './look';
import { atan, cos, sin } from './math';
import { noise1, unit } from './random';
import { LANE_CENTRE, LANE_WIDTH, ROAD_HALF_WIDTH, type Road } from './road';

const SS = 2;
const SW = FRAME_WIDTH * SS;
const SH = FRAME_HEIGHT * SS;

/** Slice distances: geometric from 1.5 m to 300 m (158 slices, about 3.5% apart). */
const SLICES: number[] = [];
for (let w = 1.5; w < 300; w *= 1.035) SLICES.push(w);

const DASH_PERIOD = 12;
const DASH_LENGTH = 3.5;
const SHADOW_CELL = 7;
const TREE_CELL = 9;

/** Where the camera is: station, offset left of the centreline, heading relative to the road and in the world. */
export interface CameraPose {
  s: number;
  d: number;
  psi: number;
  heading: number;
  /** Distance (m) to the car ahead, or 0 when there is none in view. */
  leadGap: number;
}

interface Sprite {
  fwd: number;
  x: number;
  base: number;
  scale: number;
  clip: number;
  kind: number;
  tone: number;
}

export class Renderer {
  private readonly sub = new Float64Array(SW * SH);
  private readonly px = new Float64Array(SLICES.length);
  private readonly py = new Float64Array(SLICES.length);
  private readonly th = new Float64Array(SLICES.length);
  private readonly el = new Float64Array(SLICES.length);
  private readonly top = new Float64Array(SLICES.length);
  private readonly rowZ = new Float64Array(SH);
  private readonly rowLeft = new Float64Array(SH);
  private readonly rowCos = new Float64Array(SH);
  private readonly rowW = new Float64Array(SH);
  private readonly ridge = new Float64Array(SW);
  private readonly keys: number[];

  constructor(
    private readonly road: Road,
    private readonly look: Look,
    seed: number,
  ) {
    this.keys = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((k) => (seed * 16 + k) | 0);
  }

  render(pose: CameraPose, out: Uint8Array): void {
    this.march(pose);
    const light = this.look.light * (1 - this.look.cloud * noise1(this.keys[0], pose.s / 220));
    this.ground(pose, light);
    this.sprites(pose, light);
    const sub = this.sub;
    for (let y = 0; y < FRAME_HEIGHT; y++) {
      for (let x = 0; x < FRAME_WIDTH; x++) {
        const i = y * SS * SW + x * SS;
        const v = (sub[i] + sub[i + 1] + sub[i + SW] + sub[i + SW + 1]) / 4;
        out[y * FRAME_WIDTH + x] = v <= 0 ? 0 : v >= 255 ? 255 : (v + 0.5) | 0;
      }
    }
  }

  /** Centreline slices in the road frame, projected; fills the covered sample rows. */
  private march(pose: CameraPose): void {
    const { road } = this;
    const cp = cos(pose.psi);
    const sp = sin(pose.psi);
    let theta = 0;
    let x = 0;
    let y = 0;
    let elev = 0;
    let wPrev = 0;
    let kPrev = road.curvature.at(pose.s);
    const g0 = road.grade.at(pose.s);
    let gPrev = g0;
    let yTop = FRAME_HEIGHT;
    let prevValid = false;
    let qP = 0;
    let yP = 0;
    let lP = 0;
    let cP = 0;
    let wP = 0;
    this.rowZ.fill(0);
    for (let i = 0; i < SLICES.length; i++) {
      const w = SLICES[i];
      const dw = w - wPrev;
      const k = road.curvature.at(pose.s + w);
      const next = theta + (dw * (kPrev + k)) / 2;
      const mid = (theta + next) / 2;
      x += dw * cos(mid);
      y += dw * sin(mid);
      theta = next;
      const g = road.grade.at(pose.s + w);
      elev += dw * ((gPrev + g) / 2 - g0);
      this.px[i] = x;
      this.py[i] = y;
      this.th[i] = theta;
      this.el[i] = elev;
      wPrev = w;
      kPrev = k;
      gPrev = g;
      const ry = y - pose.d;
      const fwd = x * cp + ry * sp;
      if (fwd < 0.5) {
        prevValid = false;
        this.top[i] = yTop;
        continue;
      }
      const q = 1 / fwd;
      const left = -x * sp + ry * cp;
      const c = cos(theta - pose.psi);
      const ys = HORIZON + FOCAL * (CAMERA_HEIGHT - elev) * q;
      if (!prevValid) {
        qP = q;
        yP = ys;
        lP = left;
        cP = c;
        wP = w;
        prevValid = true;
      }
      if (ys < yTop) {
        const jHi = Math.min(SH - 1, Math.ceil(yTop * SS - 0.5) - 1);
        const jLo = Math.max(0, Math.ceil(ys * SS - 0.5));
        for (let j = jHi; j >= jLo; j--) {
          const yc = (j + 0.5) / SS;
          const t = yP === ys ? 1 : (yP - yc) / (yP - ys);
          // Perspective-correct: 1/z and attribute/z are linear on the screen.
          const qq = qP + (q - qP) * t;
          this.rowZ[j] = 1 / qq;
          this.rowLeft[j] = (lP * qP + (left * q - lP * qP) * t) / qq;
          this.rowCos[j] = (cP * qP + (c * q - cP * qP) * t) / qq;
          this.rowW[j] = (wP * qP + (w * q - wP * qP) * t) / qq;
        }
        yTop = ys;
      }
      this.top[i] = yTop;
      qP = q;
      yP = ys;
      lP = left;
      cP = c;
      wP = w;
    }
  }

  private ground(pose: CameraPose, light: number): void {
    const { look, sub, keys } = this;
    const haze = look.sky * light;
    for (let i = 0; i < SW; i++) {
      const a = pose.heading - atan(((i + 0.5) / SS - CENTRE_X) / FOCAL);
      this.ridge[i] = HORIZON + 1 - 4.5 * noise1(keys[1], a * 3) - 2 * noise1(keys[2], a * 11);
    }
    for (let j = 0; j < SH; j++) {
      const yc = (j + 0.5) / SS;
      const row = j * SW;
      const z = this.rowZ[j];
      if (z === 0) {
        if (yc >= HORIZON) {
          const v = look.field * light;
          sub.fill(v + (haze - v) * 0.7, row, row + SW);
          continue;
        }
        const sky = (look.skyTop + ((look.sky - look.skyTop) * yc) / HORIZON) * light;
        const hill = look.mountain * light;
        const hillTone = hill + (haze - hill) * 0.5;
        for (let i = 0; i < SW; i++) sub[row + i] = yc > this.ridge[i] ? hillTone : sky;
        continue;
      }
      const sAbs = pose.s + this.rowW[j];
      const fog = z / (z + look.fog);
      const dash = !look.dashedCentre || sAbs - DASH_PERIOD * Math.floor(sAbs / DASH_PERIOD) < DASH_LENGTH;
      const patch = 1 + 0.08 * (unit(keys[3], Math.floor(sAbs / 3)) - 0.5);
      const asphalt = look.asphalt * patch;
      const grass = Math.floor(sAbs / 5) & 1 ? look.grass * look.grassStripe : look.grass;
      // A shadow: a tree's across part of the road, or now and then a bridge's across all of it.
      let shLo = 1;
      let shHi = 0;
      const cell = Math.floor(sAbs / SHADOW_CELL);
      if (unit(keys[4], cell) < look.shadowDensity) {
        const start = cell * SHADOW_CELL + 3 * unit(keys[5], cell);
        const len = 1.5 + 3.5 * unit(keys[6], cell);
        if (sAbs >= start && sAbs < start + len) {
          const kind = unit(keys[7], cell);
          const edge = ROAD_HALF_WIDTH + look.vergeWidth / 2;
          const reach = 2 + 6 * kind;
          if (kind < 0.12) {
            shLo = -1e9;
            shHi = 1e9;
          } else if (kind < 0.56) {
            shLo = edge - reach;
            shHi = edge + 1;
          } else {
            shLo = -edge - 1;
            shHi = -edge + reach;
          }
        }
      }
      const left = this.rowLeft[j];
      const cs = this.rowCos[j];
      const scale = z / FOCAL;
      for (let i = 0; i < SW; i++) {
        const u = (-((i + 0.5) / SS - CENTRE_X) * scale - left) * cs;
        const a = u < 0 ? -u : u;
        let v: number;
        if (a < 0.1) v = dash ? look.line : asphalt;
        else if (a < LANE_WIDTH - 0.15) v = asphalt;
        else if (a < LANE_WIDTH) v = look.edgeLines ? look.line : asphalt;
        else if (a < ROAD_HALF_WIDTH) v = asphalt * look.shoulder;
        else if (a < ROAD_HALF_WIDTH + look.vergeWidth) v = grass;
        else v = Math.floor(a / 4) & 1 ? look.field * 0.9 : look.field * 1.05;
        if (u >= shLo && u <= shHi) v *= look.shadowFactor;
        v *= light;
        sub[row + i] = v + (haze - v) * fog;
      }
    }
  }

  /** Trees, poles and bushes by the road (placed by hashed cells) and the car ahead, far to near. */
  private sprites(pose: CameraPose, light: number): void {
    const { look, keys } = this;
    const list: Sprite[] = [];
    const first = Math.floor((pose.s + 3) / TREE_CELL);
    const last = Math.floor((pose.s + 160) / TREE_CELL);
    for (let c = first; c <= last; c++) {
      for (let side = -1; side <= 1; side += 2) {
        const key = keys[8] + side;
        if (unit(key, c) >= look.treeDensity) continue;
        const at = (c + unit(key + 7, c)) * TREE_CELL;
        const u = side * (ROAD_HALF_WIDTH + look.vergeWidth + 1 + 7 * unit(key + 11, c));
        const pick = unit(key + 13, c);
        const kind = pick < 0.6 ? 0 : pick < 0.8 ? 1 : 2;
        this.place(list, pose, at - pose.s, u, kind, 0.6 + 0.6 * unit(key + 17, c));
      }
    }
    if (pose.leadGap > 0) this.place(list, pose, pose.leadGap, LANE_CENTRE, 3, 1);
    list.sort((p, q) => q.fwd - p.fwd);
    for (const sp of list) this.paint(sp, light);
  }

  private place(list: Sprite[], pose: CameraPose, w: number, u: number, kind: number, size: number): void {
    if (w < 2 || w >= SLICES[SLICES.length - 1]) return;
    let i = 0;
    while (SLICES[i] < w) i++;
    const w0 = i === 0 ? 0 : SLICES[i - 1];
    const t = (w - w0) / (SLICES[i] - w0);
    const at = (arr: Float64Array) => (i === 0 ? arr[0] * t : arr[i - 1] + (arr[i] - arr[i - 1]) * t);
    const theta = at(this.th);
    const x = at(this.px) - u * sin(theta);
    const y = at(this.py) + u * cos(theta) - pose.d;
    const cp = cos(pose.psi);
    const sp = sin(pose.psi);
    const fwd = x * cp + y * sp;
    if (fwd < 2) return;
    const left = -x * sp + y * cp;
    const clip = i === 0 ? FRAME_HEIGHT : this.top[i - 1];
    list.push({
      fwd,
      x: CENTRE_X - (FOCAL * left) / fwd,
      base: HORIZON + (FOCAL * (CAMERA_HEIGHT - at(this.el))) / fwd,
      scale: (FOCAL * size) / fwd,
      clip,
      kind,
      tone: kind === 3 ? this.look.leadTone : 0,
    });
  }

  private paint(sp: Sprite, light: number): void {
    const fog = sp.fwd / (sp.fwd + this.look.fog);
    const haze = this.look.sky * light;
    const k = sp.scale;
    const box = (x0: number, x1: number, h0: number, h1: number, tone: number) =>
      this.box(
        sp.x + x0 * k,
        sp.x + x1 * k,
        sp.base - h1 * k,
        sp.base - h0 * k,
        sp.clip,
        tone,
        light,
        fog,
        haze,
      );
    const disc = (h: number, r: number, tone: number) =>
      this.disc(sp.x, sp.base - h * k, r * k, sp.clip, tone, light, fog, haze);
    if (sp.kind === 0) {
      box(-0.2, 0.2, 0, 2.2, 45);
      disc(3.6, 1.9, 60);
    } else if (sp.kind === 1) {
      box(-0.1, 0.1, 0, 7, 150);
    } else if (sp.kind === 2) {
      disc(0.8, 1.1, 70);
    } else {
      box(-0.9, 0.9, -0.05, 0.25, 12);
      box(-0.9, 0.9, 0.25, 1.45, sp.tone);
      box(-0.75, 0.75, 0.85, 1.35, 28);
      box(-0.85, -0.55, 0.6, 0.8, 150);
      box(0.55, 0.85, 0.6, 0.8, 150);
    }
  }

  private box(
    x0: number,
    x1: number,
    y0: number,
    y1: number,
    clip: number,
    tone: number,
    light: number,
    fog: number,
    haze: number,
  ): void {
    const bottom = Math.min(y1, clip);
    const jLo = Math.max(0, Math.ceil(y0 * SS - 0.5));
    const jHi = Math.min(SH - 1, Math.ceil(bottom * SS - 0.5) - 1);
    const iLo = Math.max(0, Math.ceil(x0 * SS - 0.5));
    const iHi = Math.min(SW - 1, Math.ceil(x1 * SS - 0.5) - 1);
    const v = tone * light;
    const c = v + (haze - v) * fog;
    if (iHi < iLo) return; // off screen (and fill() would read a negative end from the array's end)
    for (let j = jLo; j <= jHi; j++) this.sub.fill(c, j * SW + iLo, j * SW + iHi + 1);
  }

  private disc(
    cx: number,
    cy: number,
    r: number,
    clip: number,
    tone: number,
    light: number,
    fog: number,
    haze: number,
  ): void {
    const jLo = Math.max(0, Math.ceil((cy - r) * SS - 0.5));
    const jHi = Math.min(SH - 1, Math.ceil(Math.min(cy + r, clip) * SS - 0.5) - 1);
    const v = tone * light;
    const c = v + (haze - v) * fog;
    for (let j = jLo; j <= jHi; j++) {
      const dy = ((j + 0.5) / SS - cy) / r;
      if (dy * dy >= 1) continue;
      const half = r * Math.sqrt(1 - dy * dy);
      const iLo = Math.max(0, Math.ceil((cx - half) * SS - 0.5));
      const iHi = Math.min(SW - 1, Math.ceil((cx + half) * SS - 0.5) - 1);
      if (iHi >= iLo) this.sub.fill(c, j * SW + iLo, j * SW + iHi + 1);
    }
  }
}
