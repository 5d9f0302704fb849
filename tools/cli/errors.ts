// The two ways a command fails, with the exit codes scripts rely on: 1 bad input, 2 wrong usage.
export class UsageError extends Error {
  readonly exitCode = 2;
}

export class InputError extends Error {
  readonly exitCode = 1;
}
