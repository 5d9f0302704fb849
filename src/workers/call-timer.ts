// One call's inactivity clock. It belongs to the call and dies with it: touch() after end() is a
// no-op, so a progress message that arrives after the answer cannot re-arm a timer that nobody clears
// (the bug that killed idle, healthy workers 15-30 s after their last call).
import { EngineError } from './errors';

export class CallTimer {
  /** Rejects with kind 'timeout' when nothing happened for timeoutMs. */
  readonly expired: Promise<never>;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ended = false;
  private reject: (error: EngineError) => void = () => {};

  constructor(
    private readonly timeoutMs: number,
    private readonly onExpire: () => void,
  ) {
    this.expired = new Promise<never>((_, reject) => {
      this.reject = reject;
    });
    this.expired.catch(() => {});
    this.arm();
  }

  /** Restarts the clock (progress arrived), unless the call is over. */
  touch(): void {
    if (!this.ended) this.arm();
  }

  end(): void {
    this.ended = true;
    clearTimeout(this.timer);
  }

  private arm(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.ended) return;
      this.ended = true;
      this.onExpire();
      this.reject(new EngineError('timeout', `the engine worker did not answer within ${this.timeoutMs} ms`));
    }, this.timeoutMs);
  }
}
