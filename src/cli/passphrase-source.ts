// Where a passphrase comes from for scripts: --passphrase-file FILE, else $NOISY_PASSPHRASE_FILE
// (a file's path; never the passphrase itself). The passphrase is the file's first line.
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { RuntimeError } from '../errors.js';
import { deriveRawKey, keyFor, looksPlain, useKey } from '../storage/cipher.js';

export function passphraseFileOf(option: string | undefined, env: Readonly<Record<string, string | undefined>>): string | undefined {
  return option ?? (env.NOISY_PASSPHRASE_FILE || undefined);
}

/** The passphrase in `file` (relative to `cwd`): its first line, without the line ending. */
export function readPassphraseFile(file: string, cwd: string): string {
  const path = resolve(cwd, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new RuntimeError(`Could not read the passphrase file ${path} (${reason}).`, ['Nothing was changed.']);
  }
  const passphrase = text.split(/\r?\n/, 1)[0] ?? '';
  if (passphrase === '') {
    throw new RuntimeError(`The passphrase file ${path} is empty (its first line is the passphrase).`, ['Nothing was changed.']);
  }
  return passphrase;
}

export interface UnlockOptions {
  passphraseFile: string | undefined;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Asks for a passphrase with masked input; undefined when there is no terminal. */
  askSecret: ((message: string) => Promise<string>) | undefined;
  warn: (text: string) => void;
}

/**
 * Before a command opens the journal at `path`: when the file is not plain SQLite (an encrypted
 * journal looks like random bytes), finds its key and hands it to the store for every connection
 * of this process. From --passphrase-file (or $NOISY_PASSPHRASE_FILE), else the keyring, else asked
 * on the terminal (three tries). The passphrase's key is derived once here (SQLCipher's KDF, ~0.1 s).
 * With none of these nothing is done, and the store refuses the file as damaged or encrypted.
 */
export async function unlockJournal(path: string, options: UnlockOptions): Promise<void> {
  if (keyFor(path) !== null || !mayBeEncrypted(path)) return;
  if (options.passphraseFile !== undefined) {
    useKey(path, deriveRawKey(path, readPassphraseFile(options.passphraseFile, options.cwd)));
    return;
  }
  const { rememberedKey } = await import('../storage/keyring.js');
  const remembered = await rememberedKey(path, options.env);
  if (remembered !== null) {
    useKey(path, { kind: 'raw', hex: remembered });
    return;
  }
  if (options.askSecret === undefined) return;
  const { keyOpens } = await import('../storage/convert.js');
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    const passphrase = await options.askSecret(`Passphrase for ${path}:`);
    const key = deriveRawKey(path, passphrase);
    if (keyOpens(path, key)) {
      useKey(path, key);
      return;
    }
    if (attempt < 3) options.warn('wrong passphrase; try again.\n');
  }
  throw new RuntimeError(`wrong passphrase, or not a noisy journal: ${path}`, ['The file was not changed (three tries).']);
}

/** A regular file of 16 bytes or more that does not start like plain SQLite. */
function mayBeEncrypted(path: string): boolean {
  try {
    const stat = statSync(path);
    return stat.isFile() && stat.size >= 16 && !looksPlain(path);
  } catch {
    return false;
  }
}
