// The single-file build runs from file://, where service workers do not exist: it is offline already.
export function installOffline(): void {}
