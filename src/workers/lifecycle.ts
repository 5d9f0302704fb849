// What a worker tells the page about its own life, outside Comlink's request/response traffic.
// A DOM worker that calls close() fires no event at the page, so it says so first.

const EXIT_KEY = 'deltalabWorkerExit';

export function exitMessage(): Record<string, true> {
  return { [EXIT_KEY]: true };
}

export function isExitMessage(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as Record<string, unknown>)[EXIT_KEY] === true;
}

/** Makes the worker global's close() announce itself before the worker goes away. */
export function announceClose(scope: { close(): void; postMessage(message: unknown): void }): void {
  const close = scope.close.bind(scope);
  scope.close = () => {
    scope.postMessage(exitMessage());
    close();
  };
}
