import type { Asker } from '../ui/asker.js';
import type { Made } from '../ui/terminal-safe.js';

/** Where a command writes. Tests pass buffers; main.ts passes the process streams. */
export interface Output {
  write(text: string): void;
  /**
   * Already-encoded UTF-8 text; a large document (`noisy export`) goes out this way when it is there.
   * `made` says whether the producer already made it safe for a terminal (ui/terminal-safe.ts).
   */
  writeBytes?(bytes: Uint8Array, made?: Made): void;
  /**
   * A document whose lines end in CRLF (an iCalendar file): each line is made terminal-safe and its
   * CRLF kept. Present on the terminal-safe wrapper (ui/terminal-safe.ts) that main.ts puts around
   * every stream.
   */
  writeCrlfLines?(text: string): void;
  readonly isTTY: boolean;
}

export interface Input extends AsyncIterable<Buffer | string> {
  readonly isTTY?: boolean;
}

/** Everything a command may touch outside itself, passed in so commands stay testable. */
export interface Context {
  stdout: Output;
  stderr: Output;
  stdin: Input;
  env: Readonly<Record<string, string | undefined>>;
  /** The current time; tests fix it. */
  now: () => Date;
  /** Colour on stdout / stderr (off under NO_COLOR, --no-color, or when not a terminal). */
  color: { stdout: boolean; stderr: boolean };
  /** True when the person is at a terminal: prompts are allowed. */
  interactive: boolean;
  /** Creates the prompter on first use (inquirer is heavy: load it only when asking). */
  asker: () => Promise<Asker>;
  /** The journal file chosen by --db, $NOISY_DB, $XDG_DATA_HOME or the default. */
  dbPath: string;
  /** Asks for a passphrase with masked input (at a terminal only). */
  askSecret?: ((message: string) => Promise<string>) | undefined;
  /** --passphrase-file, else $NOISY_PASSPHRASE_FILE: the file holding a passphrase, for scripts. */
  passphraseFile?: string;
  /** Working directory, for resolving relative paths. */
  cwd: string;
}
