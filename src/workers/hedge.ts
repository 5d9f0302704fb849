// One call's hedge: when its worker goes silent (suspect, liveness.ts) the same call starts on the
// spare too and the first answer wins, as hedged requests do ("The Tail at Scale", Dean and Barroso).
// Killing a silent worker has to wait until a starved machine could not explain the silence (healthy
// workers were measured silent for up to 650 ms at load average 13); a hedge does not kill anything,
// so it can start early and the page gets its answer from the spare while the verdict is pending.

export class Hedge<T> {
  private running: Promise<T> | null = null;
  private follow: ((hedge: Promise<T>) => void) | null = null;
  /** The answer came from the hedge. */
  won = false;

  /**
   * launch starts the call on the spare, or returns null when there is no spare to use; a hedge's
   * error for which `final` holds (the job was cancelled) is the call's answer like a result.
   */
  constructor(
    private readonly launch: () => Promise<T> | null,
    private readonly final: (error: unknown) => boolean = () => false,
  ) {}

  /** Starts the hedge (once); a no-op without a spare. */
  start(): void {
    if (this.running) return;
    const hedge = this.launch();
    if (!hedge) return;
    hedge.catch(() => {});
    this.running = hedge;
    this.follow?.(hedge);
  }

  /**
   * The call's outcome: the primary's answer (or the error the worker answered with), the hedge's
   * answer if it comes first, and the primary worker's loss (`lost`: death or timeout) only when no
   * hedge is running or the hedge failed too. A hedge's own failure decides the call alone only
   * when it is final.
   */
  race(primary: Promise<T>, lost: Promise<never>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const settle = (done: () => void) => {
        if (settled) return;
        settled = true;
        done();
      };
      let loss: { error: unknown } | null = null;
      let hedgeFailed = false;
      primary.then(
        (answer) => settle(() => resolve(answer)),
        (error) => settle(() => reject(error)),
      );
      lost.catch((error) => {
        loss = { error };
        if (!this.running || hedgeFailed) settle(() => reject(error));
      });
      this.follow = (hedge) =>
        hedge.then(
          (answer) =>
            settle(() => {
              this.won = true;
              resolve(answer);
            }),
          (error) => {
            hedgeFailed = true;
            if (this.final(error))
              settle(() => {
                this.won = true;
                reject(error);
              });
            else if (loss) settle(() => reject(loss?.error));
          },
        );
      if (this.running) this.follow(this.running);
    });
  }
}
