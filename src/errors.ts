// Typed errors, below every layer that throws them (storage, packs, ui, commands). The single exit
// point in cli/main.ts maps them to the documented exit codes.

export const EXIT = { ok: 0, runtime: 1, usage: 2, interrupted: 130 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

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

/** The person pressed Ctrl+C or closed the prompt (exit 130). */
export class InterruptedError extends Error {
  override readonly name = 'InterruptedError';
  constructor(message = 'Interrupted.') {
    super(message);
  }
}

export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof UsageError) return EXIT.usage;
  if (error instanceof InterruptedError) return EXIT.interrupted;
  return EXIT.runtime;
}
