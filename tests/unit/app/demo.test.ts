// Demo options (issue 12): the link fields for the tour, embedded views and hidden controls are
// validated when read back; the tour's script; the tour driving a store, stopped by a touch and
// resumed when idle; looping playback.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startAttract } from '../../../app/kiosk/attract';
import { caption, SAMPLES_PER_PRESET, sceneAt, TOUR_PRESETS } from '../../../app/kiosk/tour-plan';
import { createLabStore } from '../../../app/store/create-store';
import { EMBED_VIEWS, HIDEABLE_CONTROLS } from '../../../app/store/demo-options';
import { connectEngine } from '../../../app/store/engine-sync';
import { decodeShare, encodeShare } from '../../../app/url/share-codec';
import { shareStateOf } from '../../../app/url/share-state';
import { FakeClient } from './fake-client';

const flush = () => new Promise((r) => setTimeout(r, 0));
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function lab(hash = '') {
  const client = new FakeClient();
  const store = createLabStore(client);
  connectEngine(store, client);
  await store.getState().init(hash);
  await flush();
  return store;
}

describe('demo link options', () => {
  const demo = fc.record(
    {
      kiosk: fc.boolean(),
      idle: fc.integer({ min: 1, max: 3600 }),
      loop: fc.boolean(),
      view: fc.constantFrom(...EMBED_VIEWS),
      hide: fc.uniqueArray(fc.constantFrom(...HIDEABLE_CONTROLS), { minLength: 1 }),
    },
    { requiredKeys: [] },
  );

  it('round-trip exactly', () => {
    fc.assert(
      fc.property(demo, (s) => {
        const { state, problems } = decodeShare(`#${encodeShare(s)}`);
        expect(problems).toEqual([]);
        expect(state).toEqual(s);
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it.each([
    ['kiosk=2', 'kiosk'],
    ['idle=0', 'idle'],
    ['idle=3601', 'idle'],
    ['idle=-5', 'idle'],
    ['view=everything', 'view'],
    ['hide=header,header', 'hide'],
    ['hide=header,nothing', 'hide'],
    ['hide=', 'hide'],
    ['loop=yes', 'loop'],
  ])('drop a bad value (%s) and say so', (hash, key) => {
    const { state, problems } = decodeShare(`#${hash}&speed=2`);
    expect(state).toEqual({ speed: 2 });
    expect(problems).toEqual([expect.stringContaining(key)]);
  });

  it('come back from the store into the link only when set', async () => {
    const plain = await lab('#item=2');
    expect(encodeShare(shareStateOf(plain.getState()))).not.toMatch(/kiosk|idle|loop|view|hide/);
    const store = await lab('#kiosk=1&idle=5&loop=1&view=neuron&hide=transport,status');
    const s = store.getState();
    expect([s.kiosk, s.kioskIdleS, s.loop, s.embed, s.hidden]).toEqual([
      true,
      5,
      true,
      'neuron',
      ['transport', 'status'],
    ]);
    expect(decodeShare(encodeShare(shareStateOf(s))).state).toMatchObject({
      kiosk: true,
      idle: 5,
      loop: true,
      view: 'neuron',
      hide: ['transport', 'status'],
    });
  });
});

describe('tour script', () => {
  it('visits every preset in turn and every sample of a pack, and skips the example task', () => {
    const inputs = { tasks: ['example', 'digits', 'digits'], packSize: () => 300 };
    const scenes = Array.from({ length: 900 }, (_, n) => sceneAt(n, inputs)!);
    expect(new Set(scenes.map((s) => s.task))).toEqual(new Set(['digits']));
    expect(scenes.slice(0, TOUR_PRESETS.length * SAMPLES_PER_PRESET).map((s) => s.preset)).toEqual(
      TOUR_PRESETS.flatMap((p) => Array(SAMPLES_PER_PRESET).fill(p)),
    );
    expect(new Set(scenes.slice(0, 300).map((s) => s.item)).size).toBe(300);
  });

  it('goes through tasks in turn when there are several', () => {
    const inputs = { tasks: ['digits', 'driving'], packSize: () => 10 };
    const per = TOUR_PRESETS.length * SAMPLES_PER_PRESET;
    expect(sceneAt(0, inputs)?.task).toBe('digits');
    expect(sceneAt(per, inputs)?.task).toBe('driving');
    expect(sceneAt(2 * per, inputs)?.task).toBe('digits');
    expect(sceneAt(0, { tasks: [], packSize: () => 1 })).toBeNull();
  });

  it('opens on the home task whatever the manifest order, the others following in that order', () => {
    const inputs = { tasks: ['connected', 'digits', 'driving', 'example'], packSize: () => 10 };
    const per = TOUR_PRESETS.length * SAMPLES_PER_PRESET;
    expect([0, 1, 2, 3].map((k) => sceneAt(k * per, inputs)?.task)).toEqual([
      'digits',
      'connected',
      'driving',
      'digits',
    ]);
  });

  it('captions say which sample and what the thresholds do', () => {
    const text = caption(
      { task: 'digits', preset: 'dense', item: 4 },
      { what: '“seven”', speaker: 'theo', index: 4, count: 300 },
    );
    expect(text).toMatch(/^Sample 5 of 300: “seven”, spoken by theo\. Θ = 0/);
  });
});

describe('the tour on a store', () => {
  it('runs scenes, stops at the first touch, resumes after the idle time', async () => {
    const store = await lab('#kiosk=1&idle=1');
    const target = new EventTarget();
    const stop = startAttract(store, target);
    await flush();
    expect(store.getState().attract).toBe('running');
    expect(store.getState().caption).toMatch(/^Sample \d+ of 6/);
    expect(store.getState().playing).toBe(true);
    // Play the scene to its end (the page's animation clock does this): the next scene follows.
    const first = store.getState().itemIndex;
    store.getState().advance(100);
    await wait(2600 / store.getState().speed + 50);
    await flush();
    expect(store.getState().itemIndex).not.toBe(first);

    target.dispatchEvent(new Event('pointerdown'));
    expect(store.getState().attract).toBe('paused');
    expect(store.getState().caption).toBeNull();
    const item = store.getState().itemIndex;
    store.getState().advance(100);
    await wait(500);
    // Still paused: nothing moved on its own; another touch restarts the idle wait.
    expect(store.getState().itemIndex).toBe(item);
    target.dispatchEvent(new Event('keydown'));
    await wait(700);
    expect(store.getState().attract).toBe('paused');
    await wait(500);
    expect(store.getState().attract).toBe('running');
    stop();
  });

  it('cuts a long sample short so that one clip cannot hold the booth', async () => {
    const store = await lab('#kiosk=1&speed=4');
    const stop = startAttract(store, new EventTarget());
    await flush();
    const first = store.getState().itemIndex;
    expect(store.getState().playing).toBe(true);
    // Nothing advances the clock: the sample never ends by itself. At 4x the cut comes after 3 s.
    await wait(2500);
    expect(store.getState().itemIndex).toBe(first);
    await wait(1500);
    expect(store.getState().itemIndex).not.toBe(first);
    stop();
  });

  it('does nothing without kiosk=1', async () => {
    const store = await lab('');
    const stop = startAttract(store, new EventTarget());
    await flush();
    expect(store.getState().attract).toBe('off');
    stop();
  });
});

describe('looping playback', () => {
  it('starts over at the end instead of stopping', async () => {
    const store = await lab();
    const s = store.getState();
    s.setLoop(true);
    s.play();
    s.advance(10);
    expect(store.getState().position).toBe(4);
    s.advance(0.05);
    expect(store.getState().position).toBe(0);
    expect(store.getState().playing).toBe(true);
    s.setLoop(false);
    s.advance(10);
    expect(store.getState().playing).toBe(false);
  });
});
