// The connected-digits task in the store: the view's actions (not shadowed by another slice's), hear=
// in links, the listen log's window, and the always-on loop: the long recordings loaded with the task,
// a recording's frames sent as they fall due at the worker's frame rate, the session restarted where
// the recording is for new thresholds, stopped at the end and when the task changes.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { metricFor, metricOf } from '../../../app/charts/metric';
import { connectConnected } from '../../../app/connected/connected-sync';
import { digitsText, emittedUpTo } from '../../../app/connected/digits';
import { ListenLog } from '../../../app/connected/listen-log';
import { CSV_COLUMNS, curvesToCsv } from '../../../app/export/curve-data';
import { taskWord } from '../../../app/format/task-labels';
import { createLabStore } from '../../../app/store/create-store';
import type { LabState } from '../../../app/store/types';
import { decodeShare, encodeShare } from '../../../app/url/share-codec';
import { shareStateOf } from '../../../app/url/share-state';
import type { ItemFrames, ListenReply, ModelInfo } from '../../../src/workers/api';
import { FakeClient } from './fake-client';

const CLASSES = [...'0123456789'.split(''), 'blank'];
const I = 2;

function reply(frames: number, from: number): ListenReply {
  const L = 2;
  const emitted = Int8Array.from({ length: frames }, (_, t) => ((from + t) % 10 === 0 ? (from + t) % 7 : -1));
  return {
    frames,
    layers: L,
    emitted,
    denseEmitted: emitted.slice(),
    fired: Uint16Array.from({ length: frames * L }, (_, k) => k),
    deltaOps: new Float64Array(frames).fill(5),
    denseOps: new Float64Array(frames).fill(100),
    deltaRate: Float64Array.from({ length: frames }, (_, t) => from + t),
    denseRate: new Float64Array(frames).fill(10_000),
    codes: new Int8Array(frames * I),
    level: Number.NEGATIVE_INFINITY,
    totals: {
      frames: from + frames,
      deltaOps: 5 * (from + frames),
      denseOps: 100 * (from + frames),
      occupancy: [0.1, 0.2],
    },
  };
}

/** A fake whose listening sessions answer in counts: 300 frames a recording, replies numbered on. */
class ListenClient extends FakeClient {
  heard = 0;
  override itemFrames(packId: string, itemIndex: number): Promise<ItemFrames> {
    this.calls.push({ method: 'itemFrames', req: { packId, itemIndex } });
    return Promise.resolve({ frames: new Int8Array(300 * I), length: 300, inputSize: I, fracBits: 4 });
  }
  override listenStart(req: unknown): Promise<never> {
    this.calls.push({ method: 'listenStart', req });
    return Promise.resolve({ framesPerSecond: 100 }) as Promise<never>;
  }
  override listenFrames(codes: Int8Array, frames: number): Promise<never> {
    this.calls.push({ method: 'listenFrames', req: frames });
    expect(codes.length).toBe(frames * I);
    const r = reply(frames, this.heard);
    this.heard += frames;
    return Promise.resolve(r) as Promise<never>;
  }
  override listenStop(): Promise<never> {
    this.calls.push({ method: 'listenStop', req: null });
    return Promise.resolve() as Promise<never>;
  }
  called(method: string) {
    return this.calls.filter((c) => c.method === method).map((c) => c.req);
  }
}

let callbacks: FrameRequestCallback[] = [];
const flush = async () => {
  for (let k = 0; k < 5; k++) await new Promise((r) => setTimeout(r, 0));
};
async function animate(now: number) {
  const due = callbacks;
  callbacks = [];
  for (const cb of due) cb(now);
  await flush();
}

beforeEach(() => {
  callbacks = [];
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => callbacks.push(cb));
  vi.stubGlobal('cancelAnimationFrame', () => {});
});
afterEach(() => vi.unstubAllGlobals());

const info = {
  id: 'cd',
  task: { kind: 'classification', classNames: CLASSES, ctc: { blank: 10 } },
  outputAt: 'every',
  layers: [
    { inputSize: I, hiddenSize: 3 },
    { inputSize: 3, hiddenSize: 3 },
  ],
} as unknown as ModelInfo;

function connected(hash = '') {
  const client = new ListenClient();
  const store = createLabStore(client);
  const stop = connectConnected(store, client, hash, () =>
    Promise.reject(new Error('no microphone in tests')),
  );
  store.setState({
    manifest: {
      version: 1,
      models: [],
      packs: [
        { id: 'strings', task: 'connected', label: 's', file: 's.dlp' },
        { id: 'long', task: 'connected', label: 'l', file: 'l.dlp' },
      ],
    },
    modelEntries: [
      { id: 'cd', task: 'connected', method: 'delta-l1', label: 'x', file: 'x.dlm', pack: 'strings' },
    ],
    models: { cd: info },
    task: 'connected',
    modelId: 'cd',
    packId: 'strings',
    thresholds: { thetaX: [2, 2], thetaH: [2, 2] },
  } as Partial<LabState>);
  return { client, store, stop };
}

describe('the connected slice', () => {
  it('owns its actions (no other slice shadows them) and keeps hear= in links', () => {
    const { store } = connected('#hear=always');
    const s = () => store.getState();
    expect(s().hear).toBe('always');
    s().startAlwaysOn('recording');
    expect(s()).toMatchObject({
      hear: 'always',
      listenSource: 'recording',
      listenRunning: true,
      playing: false,
    });
    s().stopAlwaysOn();
    expect(s().listenRunning).toBe(false);
    expect(encodeShare(shareStateOf(s()))).toContain('hear=always');
    s().setHear('string');
    expect(encodeShare(shareStateOf(s()))).not.toContain('hear=');
    expect(decodeShare('#hear=loud').problems).toEqual(['bad value for hear: "loud"']);
  });
});

describe('connectConnected', () => {
  it('loads the long recordings and plays one: frames due at 100 fps, restarts for new thresholds, stops at the end', async () => {
    const { client, store } = connected();
    await flush();
    expect(client.called('loadPack')).toEqual(['long']);
    expect(store.getState().longPackId).toBe('long');
    store.getState().startAlwaysOn('recording');
    await animate(1000);
    expect(client.called('itemFrames')).toEqual([{ packId: 'long', itemIndex: 0 }]);
    expect(client.called('listenStart')).toEqual([
      { modelId: 'cd', thresholds: { thetaX: [2, 2], thetaH: [2, 2] }, mode: 'fixed' },
    ]);
    await animate(1100);
    expect(client.called('listenFrames')).toEqual([10]);
    await animate(1150);
    expect(client.called('listenFrames')).toEqual([10, 5]);
    const log = store.getState().listenLog;
    expect(log.heard).toBe(15);
    expect(log.lastDeltaRate).toBe(14);
    expect(store.getState().listenSent).toBe(15);
    // Far behind (a background tab): at most 25 frames, then on from now.
    await animate(5000);
    expect(client.called('listenFrames')).toEqual([10, 5, 25]);
    // New thresholds: a new session, the recording goes on where it was, the log with it.
    store.getState().setThresholds({ thetaX: [3, 3], thetaH: [3, 3] });
    await animate(5010);
    expect(client.called('listenStart')).toHaveLength(2);
    await animate(5110);
    expect(client.called('listenFrames')).toEqual([10, 5, 25, 10]);
    expect(store.getState().listenLog).toBe(log);
    expect(store.getState().listenSent).toBe(50);
    for (let t = 5200; t < 12000 && store.getState().listenRunning; t += 100) await animate(t);
    expect(store.getState().listenSent).toBe(300);
    expect(store.getState().listenRunning).toBe(false);
    expect(client.called('listenStop')).toHaveLength(1);
  });

  it('stops listening when the task changes, and says why when it cannot start', async () => {
    const { client, store } = connected();
    await flush();
    store.getState().startAlwaysOn('recording');
    await animate(1000);
    await animate(1100);
    store.setState({ modelId: null });
    expect(store.getState().listenRunning).toBe(false);
    expect(client.called('listenStop')).toHaveLength(1);
    store.setState({ modelId: 'cd' });
    store.getState().startAlwaysOn('microphone');
    await animate(2000);
    expect(store.getState()).toMatchObject({ listenRunning: false, listenStatus: 'error' });
    expect(store.getState().notices.at(-1)?.text).toMatch(/no microphone in tests/);
  });
});

describe('ListenLog', () => {
  it('keeps the last ten seconds of rates and firing, and the digits with their frames', () => {
    const log = new ListenLog(100, 2);
    for (let at = 0; at < 1200; at += 100) log.push(reply(100, at));
    expect(log.heard).toBe(1200);
    expect(log.deltaRate).toHaveLength(1000);
    expect(log.first).toBe(200);
    expect(log.deltaRate[0]).toBe(200);
    expect(log.fired[0]).toEqual([0, 1]);
    expect(log.codes).toHaveLength(1000);
    expect(log.codes[0]).toHaveLength(I);
    expect(log.deltaDigits.at(-1)).toEqual({ frame: 1190, label: 1190 % 7 });
    expect(log.deltaDigits.length).toBeLessThanOrEqual(40);
    expect(log.totals?.frames).toBe(1200);
  });
});

describe('digits and the metric', () => {
  it('names the task in words in the picker', () => {
    expect(taskWord('connected')).toBe('connected digits');
    expect(taskWord('driving')).toBe('driving');
  });

  it('writes transcripts and collects what frames emitted up to a step', () => {
    expect(digitsText([3, 1, 4], CLASSES)).toBe('3 1 4');
    expect(digitsText([], CLASSES)).toBe('—');
    const emitted = [-1, 3, -1, 3, 5];
    expect(emittedUpTo(emitted, 0)).toEqual([]);
    expect(emittedUpTo(emitted, 3)).toEqual([3, 3]);
    expect(emittedUpTo(emitted, 99)).toEqual([3, 3, 5]);
  });

  it('picks the digit error rate for CTC tasks and exports it', () => {
    expect(metricFor(info.task)).toBe('errorRate');
    expect(metricFor({ kind: 'classification', classNames: ['a'] })).toBe('accuracy');
    expect(metricFor({ kind: 'regression', units: 'deg', outputNames: ['s'] })).toBe('rmse');
    expect(metricOf({ errorRate: 0.03, accuracy: 0.5 }, 'errorRate')).toBe(0.03);
    const csv = curvesToCsv([
      {
        model: 'cd',
        label: 'x',
        source: 'shipped',
        thetaX: 1,
        thetaH: 1,
        errorRate: 0.031,
        speedup: 6,
        macReduction: 7,
        memReduction: 5,
        occupancy: 0.1,
      },
    ]);
    const [head, row] = csv.trim().split('\n');
    expect(head.split(',')).toEqual([...CSV_COLUMNS]);
    expect(row.split(',')[CSV_COLUMNS.indexOf('errorRate')]).toBe('0.031');
  });
});
