// The microphone's audio thread: copies the first channel's 128-sample render quanta into blocks of
// BLOCK samples and posts each to the page, which sends it on to the engine worker. Nothing else
// runs here (no features, no decisions): the worker computes everything from the raw samples.
export {};

declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}
declare function registerProcessor(name: string, ctor: new () => AudioWorkletProcessor): void;

/** About 43 ms at 48 kHz: frequent enough that neurons fire while the word is spoken. */
const BLOCK = 2048;

class CaptureProcessor extends AudioWorkletProcessor {
  private block = new Float32Array(BLOCK);
  private filled = 0;

  process(inputs: Float32Array[][]): boolean {
    const channel = inputs[0]?.[0];
    if (!channel) return true;
    for (let i = 0; i < channel.length; ) {
      const n = Math.min(channel.length - i, BLOCK - this.filled);
      this.block.set(channel.subarray(i, i + n), this.filled);
      this.filled += n;
      i += n;
      if (this.filled === BLOCK) {
        this.port.postMessage(this.block, [this.block.buffer]);
        this.block = new Float32Array(BLOCK);
        this.filled = 0;
      }
    }
    return true;
  }
}

registerProcessor('deltalab-capture', CaptureProcessor);
