// Ctrl+C (SIGINT), SIGTERM and SIGHUP (a closed terminal) while noisy writes files.
//
// Left alone, these signals end Node on the spot, and an export stopped that way leaves its
// temporary file behind: a hidden copy of the whole journal's text. While files are being written,
// noisy catches them instead. The handler only records the signal; the writing notices it at its
// next step (every 64 kB block, every file of --split), removes what it had not finished, and
// throws an InterruptedError carrying the signal. That error reaches the single exit point in
// main.ts like any other, which ends the process with 128 + the signal's number (130, 143, 129),
// what a shell reports for a process the signal killed. No command calls process.exit, and the
// handlers are removed as soon as the writing ends, so outside it the signals act as usual.
import { setImmediate } from 'node:timers';
import { InterruptedError, type StopSignal } from '../errors.js';

export const STOP_SIGNALS: readonly StopSignal[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Runs `work` with the stop signals caught. `stop` is aborted by the first one, its reason the
 * signal's name; `work` checks it between steps (see checkStop). A signal that came after the last
 * check (the files were already in place) still ends the command with the signal's exit code.
 */
export async function catchingStopSignals<T>(work: (stop: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (!controller.signal.aborted) controller.abort(signal);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  try {
    const result = await work(controller.signal);
    if (controller.signal.aborted) throw stoppedError(controller.signal, 'the export had already finished, and what it wrote is complete.');
    return result;
  } finally {
    for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
  }
}

/**
 * Lets the event loop turn, so a signal that arrived during synchronous work reaches its handler,
 * then throws if one did. `outcome` says what became of the files, e.g. "nothing was written to x.md."
 */
export async function checkStop(stop: AbortSignal | undefined, outcome: () => string): Promise<void> {
  if (!stop) return;
  await new Promise((resolve) => setImmediate(resolve));
  if (stop.aborted) throw stoppedError(stop, outcome());
}

/** "Interrupted: <outcome>" for Ctrl+C, "Stopped by SIGTERM: <outcome>" for the others. */
export function stoppedError(stop: AbortSignal, outcome: string): InterruptedError {
  const signal = stop.reason as StopSignal;
  const lead = signal === 'SIGINT' ? 'Interrupted' : `Stopped by ${signal}`;
  return new InterruptedError(`${lead}: ${outcome}`, signal);
}
