// Typed errors, below every layer that throws them (storage, packs, ui, commands). The single exit
// point in cli/main.ts maps them to the documented exit codes.

export const EXIT = { ok: 0, runtime: 1, usage: 2, interrupted: 130 } as const;
/** One of EXIT, or 128 + a signal's number for a command stopped by SIGTERM or SIGHUP (143, 129). */
export type ExitCode = number;

/** The signals that stop noisy cleanly while it writes files (cli/stop-signals.ts). */
export type StopSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';
/** Their numbers, the same on every POSIX system. */
const SIGNAL_NUMBERS: Readonly<Record<StopSignal, number>> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

/** Something the person can fix by running the command differently (exit 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    /** Extra lines, e.g. one per invalid field. */
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}

/** Something went wrong while running: the file system, the database, a corrupt file (exit 1). */
export class RuntimeError extends Error {
  override readonly name = 'RuntimeError';
  constructor(
    message: string,
    readonly details: readonly string[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * The person pressed Ctrl+C or closed the prompt (exit 130), or a signal stopped a command that was
 * writing files (exit 128 + the signal's number, as a shell reports a process the signal killed).
 */
export class InterruptedError extends Error {
  override readonly name = 'InterruptedError';
  constructor(
    message = 'Interrupted.',
    readonly signal: StopSignal = 'SIGINT',
  ) {
    super(message);
  }
}

export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof UsageError) return EXIT.usage;
  if (error instanceof InterruptedError) return 128 + SIGNAL_NUMBERS[error.signal];
  return EXIT.runtime;
}
