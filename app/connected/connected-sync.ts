// Keeps always-on listening fed: loads the pack of long recordings when the connected-digits task
// opens, and while listening sends the worker what is due — a recording's frames paced at its frame
// rate (one request at a time, on animation frames), or the microphone's samples as they arrive —
// and appends each reply to the ListenLog. A new model, mode or threshold restarts the session where
// the recording is.
import type { StoreApi } from 'zustand/vanilla';
import type { EngineClient, ListenReply } from '../../src/workers/api';
import { errorText } from '../store/engine-errors';
import type { LabState } from '../store/types';
import { decodeShare } from '../url/share-codec';
import { type Microphone, type OpenMicrophone, openMicrophone } from '../voice/microphone';
import { isCtcState } from './is-ctc';
import { ListenLog } from './listen-log';

/** At most this many frames a request: a slow machine falls behind rather than sending in jumps. */
const MAX_BATCH = 25;

export function connectConnected(
  store: StoreApi<LabState>,
  client: EngineClient,
  hash: string,
  open: OpenMicrophone = openMicrophone,
): () => void {
  const { getState: get, setState: set } = store;
  const applyLink = (h: string) => {
    const asked = decodeShare(h).state.hear;
    if (asked) get().setHear(asked);
  };
  applyLink(hash);
  const onHash = () => applyLink(window.location.hash);
  if (typeof window !== 'undefined') window.addEventListener('hashchange', onHash);

  let loadingPack = '';
  const loadLongPack = (s: LabState) => {
    const model = s.modelEntries.find((e) => e.id === s.modelId);
    const entry = s.manifest?.packs.find((p) => p.task === s.task && p.id !== model?.pack);
    if (!entry || loadingPack === entry.id) return;
    loadingPack = entry.id;
    client.loadPack({ entry }).then(
      (info) => set({ packs: { ...get().packs, [info.id]: info }, longPackId: info.id }),
      (e) => {
        loadingPack = '';
        get().notify('error', `Could not load the long recordings: ${errorText(e)}`);
      },
    );
  };

  interface Session {
    key: string;
    fps: number;
    /** The recording's codes (null: the microphone). */
    codes: Int8Array | null;
    inputSize: number;
    mic: Microphone | null;
  }
  let session: Session | null = null;
  let busy = false;
  let frame = 0;
  let t0 = 0;
  let queue: Float32Array[] = [];
  let token = 0;

  const keyOf = (s: LabState) =>
    `${s.modelId}|${s.mode}|${s.listenSource}|${s.listenItem}|${JSON.stringify(s.thresholds)}`;

  const closeMic = () => {
    session?.mic?.close();
    queue = [];
  };

  const fail = (e: unknown) => {
    closeMic();
    session = null;
    set({ listenRunning: false, listenStatus: 'error' });
    get().notify('error', `Listening stopped: ${errorText(e)}`);
  };

  const apply = (r: ListenReply, sent: number) => {
    const log = get().listenLog;
    log.push(r);
    set({ listenVersion: get().listenVersion + 1, listenSent: sent, listenStatus: 'ready' });
  };

  /** A session for the current setting; the recording (and the log) go on where they were. */
  const begin = async (s: LabState, now: number) => {
    const mine = ++token;
    closeMic();
    set({ listenStatus: 'loading' });
    const info = s.models[s.modelId!];
    const fresh =
      session === null || !session.key.startsWith(`${s.modelId}|`) || s.listenSource === 'microphone';
    let codes: Int8Array | null = null;
    let mic: Microphone | null = null;
    if (s.listenSource === 'recording') {
      codes = (await client.itemFrames(s.longPackId!, s.listenItem)).frames;
    } else {
      mic = await open((samples) => queue.push(samples));
    }
    const started = await client.listenStart({
      modelId: s.modelId!,
      thresholds: s.thresholds!,
      mode: s.mode,
      ...(mic && { sampleRate: mic.sampleRate }),
    });
    if (mine !== token) {
      mic?.close();
      return;
    }
    const sent = fresh ? 0 : get().listenSent;
    if (fresh) {
      set({ listenLog: new ListenLog(started.framesPerSecond, info.layers.length), listenSent: 0 });
    }
    session = {
      key: keyOf(s),
      fps: started.framesPerSecond,
      codes,
      inputSize: info.layers[0].inputSize,
      mic,
    };
    set({ listenLength: codes ? codes.length / session.inputSize : 0, listenStatus: 'ready' });
    t0 = now - (sent * 1000) / session.fps;
  };

  const step = async (now: number) => {
    const s = get();
    if (!session || session.key !== keyOf(s)) {
      // The long recordings may still be loading: wait for them.
      if (s.listenSource === 'recording' && !s.longPackId) return;
      await begin(s, now);
      return;
    }
    const sent = s.listenSent;
    if (session.codes) {
      const total = session.codes.length / session.inputSize;
      let due = Math.min(total, Math.floor(((now - t0) * session.fps) / 1000)) - sent;
      if (due > MAX_BATCH) {
        t0 = now - ((sent + MAX_BATCH) * 1000) / session.fps;
        due = MAX_BATCH;
      }
      if (due > 0) {
        const I = session.inputSize;
        apply(await client.listenFrames(session.codes.slice(sent * I, (sent + due) * I), due), sent + due);
      }
      if (get().listenSent >= total) set({ listenRunning: false });
      return;
    }
    if (queue.length === 0) return;
    const pieces = queue;
    queue = [];
    const n = pieces.reduce((a, p) => a + p.length, 0);
    const all = new Float32Array(n);
    let at = 0;
    for (const p of pieces) {
      all.set(p, at);
      at += p.length;
    }
    const r = await client.listenSamples(all);
    apply(r, sent + r.frames);
  };

  const tick = (now: number) => {
    frame = 0;
    const s = get();
    if (!s.listenRunning || s.hear !== 'always' || !isCtcState(s) || !s.thresholds) return;
    schedule();
    if (busy) return;
    busy = true;
    step(now)
      .catch(fail)
      .finally(() => {
        busy = false;
      });
  };

  const schedule = () => {
    if (frame === 0) frame = requestAnimationFrame(tick);
  };

  const stop = () => {
    token++;
    closeMic();
    if (session) void client.listenStop().catch(() => {});
    session = null;
  };

  const unsubscribe = store.subscribe((s, prev) => {
    if (!isCtcState(s)) {
      if (s.listenRunning) set({ listenRunning: false });
      if (session) stop();
      return;
    }
    if (!s.longPackId || s.task !== prev.task) loadLongPack(s);
    if (s.listenRunning && !prev.listenRunning) schedule();
    if (!s.listenRunning && prev.listenRunning) stop();
  });
  return () => {
    unsubscribe();
    if (typeof window !== 'undefined') window.removeEventListener('hashchange', onHash);
    if (frame !== 0) cancelAnimationFrame(frame);
    stop();
  };
}
