// Ctrl+C (SIGINT), SIGTERM and SIGHUP (a closed terminal) while noisy writes files.
//
// Left alone, these signals end Node on the spot, and an export stopped that way leaves its
// temporary file behind: a hidden copy of the whole journal's text. While files are being written,
// noisy catches them instead. The handler only records the signal; the writing notices it at its
// next step (every 64 kB block, every file of --split), removes what it had not finished, and
// throws an InterruptedError carrying the signal. That error reaches the single exit point in
// main.ts like any other, which says what became of the files and returns 128 + the signal's
// number (130, 143, 129). No command calls process.exit.
//
// The one exception to "the exit code decides": once run() has returned, bin/noisy.js calls
// endByCaughtSignal(), which re-raises the caught signal with its default action, so the process
// ends the way the signal would have ended it, only after cleaning up. A shell sees the same
// 130/143/129, and a script that ran noisy stops as it does after Ctrl+C anywhere. It also keeps
// Node from running its own exit after SIGHUP: Node restores the terminal's settings on exit and
// aborts (with a core dump, which would hold journal text) when the terminal is gone.
//
// The handlers are removed as soon as the writing ends, so outside it the signals act as usual;
// once a signal has come, though, they stay until the process ends, so that a second one (a
// closed terminal sends SIGHUP more than once) can't cut short the message.
import { setImmediate } from 'node:timers';
import { InterruptedError, type StopSignal } from '../errors.js';

export const STOP_SIGNALS: readonly StopSignal[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** The first stop signal caught in this process, if any. */
let caught: StopSignal | null = null;

/**
 * Runs `work` with the stop signals caught. `stop` is aborted by the first one, its reason the
 * signal's name; `work` checks it between steps (see checkStop). A signal that came after the last
 * check (the files were already in place) still ends the command with the signal's exit code.
 */
export async function catchingStopSignals<T>(work: (stop: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) return;
    caught ??= signal as StopSignal;
    controller.abort(signal);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  try {
    const result = await work(controller.signal);
    if (controller.signal.aborted) throw stoppedError(controller.signal, 'the export had already finished, and what it wrote is complete.');
    return result;
  } finally {
    if (!controller.signal.aborted) for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
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

/**
 * Ends the process by the stop signal caught while writing (its default action, re-raised), once
 * everything is cleaned up and said; returns when none was caught. Only bin/noisy.js calls this.
 */
export function endByCaughtSignal(): void {
  if (caught === null) return;
  process.removeAllListeners(caught);
  process.kill(process.pid, caught);
}
