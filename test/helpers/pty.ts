// Drives the built `noisy` binary in a real pseudo-terminal, as a person at a keyboard would.
import { fileURLToPath } from 'node:url';
import * as pty from 'node-pty';

export const BIN = fileURLToPath(new URL('../../bin/noisy.js', import.meta.url));

export const KEY = {
  enter: '\r',
  down: '\x1b[B',
  up: '\x1b[A',
  space: ' ',
  ctrlC: '\x03',
  backspace: '\x7f',
  /** Esc on its own (readline waits half a second to tell it from the start of an arrow key). */
  escape: '\x1b',
  /** Ctrl+U: clears the line to the left of the cursor. */
  clearLine: '\x15',
} as const;

export interface Terminal {
  /** Everything printed so far, with ANSI escapes removed. */
  readonly output: () => string;
  /** Waits until `text` (or a match of the pattern) appears after what was already consumed. */
  waitFor: (text: string | RegExp, timeoutMs?: number) => Promise<void>;
  type: (text: string) => void;
  exit: Promise<number>;
  kill: () => void;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]/g;

export function spawnNoisy(args: string[], env: Record<string, string>, options: { cols?: number; rows?: number } = {}): Terminal {
  const child = pty.spawn(process.execPath, [BIN, ...args], {
    name: 'xterm-256color',
    cols: options.cols ?? 100,
    rows: options.rows ?? 40,
    cwd: process.cwd(),
    env: { PATH: process.env.PATH ?? '', HOME: env.HOME ?? process.env.HOME ?? '/tmp', TERM: 'xterm-256color', ...env },
  });
  let raw = '';
  let consumed = 0;
  const waiters = new Set<() => void>();
  child.onData((data) => {
    raw += data;
    for (const w of waiters) w();
  });
  const exit = new Promise<number>((resolve) => child.onExit(({ exitCode }) => resolve(exitCode)));
  const output = () => raw.replace(ANSI, '');
  return {
    output,
    type: (text) => child.write(text),
    kill: () => child.kill(),
    exit,
    waitFor: (pattern, timeoutMs = 10_000) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          const rest = output().slice(consumed);
          const index = typeof pattern === 'string' ? rest.indexOf(pattern) : rest.search(pattern);
          if (index >= 0) {
            consumed += index + 1;
            waiters.delete(check);
            clearTimeout(timer);
            resolve();
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`Timed out waiting for ${String(pattern)}. Screen so far:\n${output().slice(-2000)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
  };
}
