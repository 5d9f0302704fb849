// The sample's sound: fetched per item from the client (latest wins), muting remembered, and the
// media element following the playhead (rate from speed, seeks on drift, parked while paused).
import { describe, expect, it } from 'vitest';
import { connectAudio } from '../../../app/audio/audio-load';
import { createFollower, type FollowState, type MediaLike, mediaRate } from '../../../app/audio/media-follow';
import { createLabStore } from '../../../app/store/create-store';
import type { ItemAudio } from '../../../src/workers/api';
import { FakeClient } from './fake-client';

const AUDIO: ItemAudio = {
  wav: new Uint8Array(44),
  seconds: 0.5,
  secondsPerStep: 0.01,
  credit: 'FSDD (CC BY-SA 4.0)',
};

class FakeMedia implements MediaLike {
  paused = true;
  currentTime = 0;
  playbackRate = 1;
  muted = false;
  plays = 0;
  seeks = 0;
  refuse = false;
  play(): Promise<void> {
    this.plays++;
    if (this.refuse) return Promise.reject(new Error('NotAllowedError'));
    this.paused = false;
    return Promise.resolve();
  }
  pause(): void {
    this.paused = true;
  }
}

function tracked(): FakeMedia {
  const m = new FakeMedia();
  let t = 0;
  Object.defineProperty(m, 'currentTime', {
    get: () => t,
    set: (v: number) => {
      t = v;
      m.seeks++;
    },
  });
  return m;
}

const state = (over: Partial<FollowState> = {}): FollowState => ({
  audio: AUDIO,
  position: 0,
  playing: true,
  stepsPerSecond: 10,
  muted: false,
  ...over,
});

describe('media follows the playhead', () => {
  it('plays at the playhead, at steps per second times seconds per step', async () => {
    const m = tracked();
    const follow = createFollower(m);
    follow(state({ position: 12 }));
    expect(m.paused).toBe(false);
    expect(m.currentTime).toBeCloseTo(0.12, 9);
    expect(m.playbackRate).toBeCloseTo(0.1, 9);
    follow(state({ position: 13, stepsPerSecond: 40 }));
    expect(m.playbackRate).toBeCloseTo(0.4, 9);
    expect(mediaRate(state({ stepsPerSecond: 20 }))).toBeCloseTo(0.2, 9);
  });

  it('re-seeks only when the element drifts beyond the tolerance', () => {
    const m = tracked();
    const follow = createFollower(m);
    follow(state({ position: 10 }));
    const seeks = m.seeks;
    follow(state({ position: 11 }));
    expect(m.seeks).toBe(seeks);
    follow(state({ position: 30 }));
    expect(m.seeks).toBe(seeks + 1);
    expect(m.currentTime).toBeCloseTo(0.3, 9);
  });

  it('pauses and parks at the playhead when the lab pauses or steps', () => {
    const m = tracked();
    const follow = createFollower(m);
    follow(state({ position: 5 }));
    follow(state({ position: 20, playing: false }));
    expect(m.paused).toBe(true);
    expect(m.currentTime).toBeCloseTo(0.2, 9);
    // Past the recording's end the element waits at its end.
    follow(state({ position: 80, playing: false }));
    expect(m.currentTime).toBeCloseTo(0.5, 9);
    follow(state({ position: 80, playing: true }));
    expect(m.paused).toBe(true);
  });

  it('stays silent where the rate is below what a media element plays, and with no audio', () => {
    const m = tracked();
    const follow = createFollower(m);
    follow(state({ stepsPerSecond: 2.5 }));
    expect(m.paused).toBe(true);
    follow(state({ audio: null }));
    expect(m.paused).toBe(true);
    expect(m.plays).toBe(0);
  });

  it('mutes, and does not retry a refused start until the next play', async () => {
    const m = tracked();
    m.refuse = true;
    const follow = createFollower(m);
    follow(state({ muted: true }));
    expect(m.muted).toBe(true);
    await Promise.resolve();
    follow(state({ position: 1 }));
    follow(state({ position: 2 }));
    expect(m.plays).toBe(1);
    follow(state({ playing: false }));
    m.refuse = false;
    follow(state({ position: 3 }));
    expect(m.plays).toBe(2);
    expect(m.paused).toBe(false);
  });
});

describe('sample audio in the store', () => {
  it('loads the recording of each item, keeping only the latest answer', async () => {
    const client = new FakeClient();
    client.audio = AUDIO;
    const store = createLabStore(client);
    connectAudio(store, client);
    store.setState({ packId: 'digits-test', itemIndex: 3 });
    expect(store.getState().sampleAudio).toBeNull();
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState().sampleAudio).toBe(AUDIO);
    expect(client.calls.filter((c) => c.method === 'itemAudio').at(-1)?.req).toEqual({
      packId: 'digits-test',
      itemIndex: 3,
    });
    client.audio = null;
    store.setState({ itemIndex: 4 });
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState().sampleAudio).toBeNull();
  });

  it('remembers muting', () => {
    const memory = new Map<string, string>();
    const g = globalThis as { localStorage?: unknown };
    g.localStorage = {
      getItem: (k: string) => memory.get(k) ?? null,
      setItem: (k: string, v: string) => memory.set(k, v),
    };
    try {
      const first = createLabStore(new FakeClient());
      expect(first.getState().muted).toBe(false);
      first.getState().setMuted(true);
      expect(createLabStore(new FakeClient()).getState().muted).toBe(true);
    } finally {
      delete g.localStorage;
    }
  });
});
