// Keeps the driving view fed by the workers: the clip re-rendered (and verified) whenever the chosen
// clip changes, and the live road's loop, which asks for the frames due at 20 fps on animation frames,
// one request at a time, and pushes new thresholds to the running drive.
import type { StoreApi } from 'zustand/vanilla';
import type { EngineClient, RoadBatch } from '../../src/workers/api';
import { errorText, isCancelled } from '../store/engine-errors';
import type { LabState } from '../store/types';
import { decodeShare } from '../url/share-codec';
import { ROAD_SEED } from './driving-slice';
import { RoadLog } from './road-log';

/** The simulator's rate (src/data/driving FPS); the worker's clip says the same. */
const FPS = 20;
/** At most this many frames a request: a slow machine drives slower rather than in jumps. */
const MAX_BATCH = 6;

export function connectDriving(store: StoreApi<LabState>, client: EngineClient, hash: string): () => void {
  const { getState: get, setState: set } = store;
  const applyLink = (h: string) => {
    const asked = decodeShare(h).state.drive;
    if (asked) get().setDrive(asked);
  };
  applyLink(hash);
  // A link pasted into the address bar changes only the hash (main.tsx re-reads the rest).
  const onHash = () => applyLink(window.location.hash);
  if (typeof window !== 'undefined') window.addEventListener('hashchange', onHash);

  let clipToken = 0;
  let clipKey = '';
  let clipItem = '';
  const fetchClip = (s: LabState) => {
    const token = ++clipToken;
    // Another model on the same clip keeps the frames on screen while its CNN is checked.
    const item = `${s.packId}|${s.itemIndex}`;
    set(item === clipItem && s.clip ? { clipStatus: 'loading' } : { clip: null, clipStatus: 'loading' });
    clipItem = item;
    client.drivingClip({ modelId: s.modelId!, packId: s.packId!, itemIndex: s.itemIndex }).then(
      (clip) => {
        if (token === clipToken) set({ clip, clipStatus: 'ready' });
      },
      (e) => {
        if (token !== clipToken || isCancelled(e)) return;
        set({ clipStatus: 'error' });
        clipKey = '';
        get().notify('error', `Could not render the simulated clip: ${errorText(e)}`);
      },
    );
  };

  // The live road.
  let session: { modelId: string; mode: LabState['mode'] } | null = null;
  let busy = false;
  let frame = 0;
  let t0 = 0;
  let driven = 0;
  let resets = get().roadResetCount;

  const apply = (batch: RoadBatch, fresh: boolean) => {
    const log = fresh || batch.restarted ? new RoadLog() : get().roadLog;
    log.push(batch.frames);
    if (fresh || batch.restarted) driven = 0;
    driven += batch.frames.length;
    const offRoad = batch.totals.offRoad;
    set({
      roadLog: log,
      roadVersion: get().roadVersion + 1,
      roadTotals: batch.totals,
      roadStatus: 'ready',
      ...(offRoad && { roadRunning: false }),
    });
  };

  const begin = async (s: LabState) => {
    set({ roadStatus: 'loading' });
    const batch = await client.roadStart({
      modelId: s.modelId!,
      seed: ROAD_SEED,
      thresholds: s.thresholds!,
      mode: s.mode,
    });
    session = { modelId: s.modelId!, mode: s.mode };
    resets = s.roadResetCount;
    apply(batch, true);
  };

  /** Thresholds changed while driving: sent before the next frames. */
  let pending: LabState['thresholds'] = null;
  const sendPending = async () => {
    const th = pending;
    pending = null;
    if (th) await client.roadThresholds(th);
  };
  /** One road request at a time. */
  const exclusive = async (job: () => Promise<void>) => {
    busy = true;
    try {
      await job();
    } catch (e) {
      fail(e);
    } finally {
      busy = false;
    }
  };

  const fail = (e: unknown) => {
    set({ roadRunning: false, roadStatus: 'error' });
    get().notify('error', `The live road stopped: ${errorText(e)}`);
  };

  const tick = (now: number) => {
    frame = 0;
    const s = get();
    if (!s.roadRunning || s.task !== 'driving' || !s.modelId || !s.thresholds) return;
    schedule();
    if (busy) return;
    void exclusive(async () => {
      const stale = !session || session.modelId !== s.modelId || session.mode !== s.mode;
      if (stale || resets !== s.roadResetCount) {
        pending = null;
        await begin(get());
        t0 = now;
      }
      let due = Math.floor(((now - t0) * FPS) / 1000) - driven;
      if (due > MAX_BATCH) {
        // Behind (a busy machine, a background tab): drive on from now instead of catching up.
        t0 = now - ((driven + MAX_BATCH) * 1000) / FPS;
        due = MAX_BATCH;
      }
      await sendPending();
      if (due > 0 && !get().roadTotals?.offRoad) apply(await client.roadRun(due), false);
    });
  };

  const schedule = () => {
    if (frame === 0) frame = requestAnimationFrame(tick);
  };

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.task !== 'driving') {
      // The clip goes with the task (playback paces a clip at its frame rate).
      if (s.roadRunning || s.clip) set({ roadRunning: false, clip: null, clipStatus: 'idle' });
      clipKey = '';
      return;
    }
    const key = `${s.modelId}|${s.packId}|${s.itemIndex}`;
    if (s.modelId && s.packId && s.drive === 'clip' && key !== clipKey) {
      clipKey = key;
      fetchClip(s);
    }
    if (s.roadRunning && !prev.roadRunning) {
      // Resume at the wall clock: no burst of frames for the time it was stopped.
      t0 = performance.now() - (driven * 1000) / FPS;
      schedule();
    }
    if (session && s.thresholds && s.thresholds !== prev.thresholds) {
      pending = s.thresholds;
      if (!busy) void exclusive(sendPending);
    }
    if (s.roadResetCount !== prev.roadResetCount && !s.roadRunning && session && !busy) {
      void exclusive(async () => {
        const batch = await client.roadReset();
        resets = get().roadResetCount;
        apply(batch, true);
      });
    }
  });
  return () => {
    unsubscribe();
    if (typeof window !== 'undefined') window.removeEventListener('hashchange', onHash);
    if (frame !== 0) cancelAnimationFrame(frame);
    if (session) void client.roadStop().catch(() => {});
  };
}
