// Lets a worker's pending messages (a cancel() from the page) run between slices of a long job.
// A MessageChannel round trip is a task like an incoming message but, unlike setTimeout(0),
// is never clamped to 4 ms when nested, so yielding between ~10 ms slices stays cheap.
export function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
