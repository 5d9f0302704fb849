// The heartbeat's judgement: a worker whose answers stop is hung after hangMs; one that answers
// slowly because the machine is busy earns a longer limit; a page that itself did not run judges nobody.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Liveness } from '../../../src/workers/liveness';
import { Pace } from '../../../src/workers/pace';

afterEach(() => {
  vi.useRealTimers();
});

const options = { heartbeatMs: 50, suspectMs: 250, hangMs: 400, maxHangMs: 4000, startupMs: 2000 };

/** A worker that answers each ping after `delay()` ms, or never once `hung` is set. */
function fakeWorker() {
  const w = { delay: 1, hung: false, pings: 0 };
  const ping = () => {
    w.pings++;
    return new Promise<void>((resolve) => {
      if (!w.hung) setTimeout(resolve, w.delay);
    });
  };
  return { w, ping };
}

function fake() {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance'] });
}

async function advance(ms: number) {
  // Step a heartbeat at a time so that promise callbacks run between timer ticks.
  for (let t = 0; t < ms; t += 10) await vi.advanceTimersByTimeAsync(10);
}

describe('liveness', () => {
  it('calls a worker hung when a ping stays unanswered past hangMs', async () => {
    fake();
    const { w, ping } = fakeWorker();
    const hung = vi.fn();
    const live = new Liveness(ping, options, { onHung: hung });
    await advance(2000);
    expect(hung).not.toHaveBeenCalled();
    expect(w.pings).toBeGreaterThan(20);
    w.hung = true;
    await advance(300);
    expect(hung).not.toHaveBeenCalled();
    await advance(300);
    expect(hung).toHaveBeenCalledTimes(1);
    expect(hung.mock.calls[0][0]).toContain('stopped answering');
    live.stop();
  });

  it('gives a worker that answers slowly on a busy machine a longer limit', async () => {
    fake();
    const { w, ping } = fakeWorker();
    const hung = vi.fn();
    const live = new Liveness(ping, options, { onHung: hung });
    await advance(200);
    // Answers vary between 50 and 350 ms: the limit grows past 400 ms.
    for (let k = 0; k < 30; k++) {
      w.delay = k % 2 ? 50 : 350;
      await advance(400);
    }
    expect(hung).not.toHaveBeenCalled();
    w.delay = 700;
    await advance(3000);
    expect(hung).not.toHaveBeenCalled();
    w.hung = true;
    await advance(4100);
    expect(hung).toHaveBeenCalledTimes(1);
    live.stop();
  });

  it('waits longer for a worker that is still starting', async () => {
    fake();
    const { w, ping } = fakeWorker();
    w.hung = true;
    const hung = vi.fn();
    new Liveness(ping, options, { onHung: hung });
    await advance(1500);
    expect(hung).not.toHaveBeenCalled();
    await advance(700);
    expect(hung).toHaveBeenCalledTimes(1);
    expect(hung.mock.calls[0][0]).toContain('did not start');
  });

  it('gives every worker of a pool more time while any of them answers slowly, for a while', async () => {
    fake();
    const pace = new Pace();
    const slow = fakeWorker();
    const quiet = fakeWorker();
    const hung = vi.fn();
    const a = new Liveness(slow.ping, options, { onHung: hung }, pace);
    const b = new Liveness(quiet.ping, options, { onHung: hung }, pace);
    await advance(500);
    // One answer of 350 ms (a starved machine): a silence of 600 ms is no hang for the other worker.
    slow.w.delay = 350;
    await advance(400);
    slow.w.delay = 1;
    quiet.w.hung = true;
    await advance(600);
    expect(hung).not.toHaveBeenCalled();
    await advance(300);
    expect(hung).toHaveBeenCalledTimes(1);
    a.stop();
    b.stop();
    // Seconds later the slow answer has faded: a quiet pool's hang is called at hangMs again.
    const c = new Liveness(quiet.ping, options, { onHung: hung }, pace);
    quiet.w.hung = false;
    await advance(10_000);
    quiet.w.hung = true;
    await advance(480);
    expect(hung).toHaveBeenCalledTimes(2);
    c.stop();
  });

  it('learns nothing about the machine from a silence it tolerated', async () => {
    fake();
    const pace = new Pace();
    const { w, ping } = fakeWorker();
    const hung = vi.fn();
    const live = new Liveness(ping, options, { onHung: hung }, pace);
    await advance(500);
    const release = live.tolerate(3000);
    w.delay = 2500;
    await advance(2600);
    release();
    w.delay = 1;
    await advance(200);
    expect(pace.current()).toBeLessThan(5);
    w.hung = true;
    await advance(480);
    expect(hung).toHaveBeenCalledTimes(1);
    live.stop();
  });

  it('calls a silent worker suspect after suspectMs, and clears it when it answers again', async () => {
    fake();
    const { w, ping } = fakeWorker();
    const hung = vi.fn();
    const suspect = vi.fn();
    const live = new Liveness(ping, options, { onHung: hung, onSuspect: suspect });
    await advance(500);
    w.delay = 330;
    await advance(200);
    expect(suspect).not.toHaveBeenCalled();
    await advance(150);
    expect(suspect.mock.calls).toEqual([[true]]);
    await advance(100);
    expect(suspect.mock.calls).toEqual([[true], [false]]);
    // A silence the worker asked for makes nobody suspect.
    const release = live.tolerate(3000);
    w.hung = true;
    await advance(2000);
    expect(suspect).toHaveBeenCalledTimes(2);
    release();
    expect(hung).not.toHaveBeenCalled();
    live.stop();
  });

  it('tolerates silence a blocking call asked for, and no more once it is released', async () => {
    fake();
    const { w, ping } = fakeWorker();
    const hung = vi.fn();
    const live = new Liveness(ping, options, { onHung: hung });
    await advance(500);
    const release = live.tolerate(3000);
    w.hung = true;
    await advance(2500);
    expect(hung).not.toHaveBeenCalled();
    release();
    await advance(100);
    expect(hung).toHaveBeenCalledTimes(1);
    live.stop();
  });
});
