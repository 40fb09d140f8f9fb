// Which file a journal's path leads to. A conversion (encrypt, decrypt, passphrase) renames a new
// file over the journal; a connection opened before keeps the old one, so writes check first.
import { statSync } from 'node:fs';
import { RuntimeError } from '../errors.js';

/** Which file a path leads to: its device and inode (null when there is none). */
export interface FileIdentity {
  dev: number;
  ino: number;
}

export function identityOf(path: string): FileIdentity | null {
  try {
    const { dev, ino } = statSync(path);
    return { dev, ino };
  } catch {
    return null;
  }
}

export function sameIdentity(a: FileIdentity | null, b: FileIdentity | null): boolean {
  return a !== null && b !== null && a.dev === b.dev && a.ino === b.ino;
}

/** The journal was renamed over (a conversion) after this command opened it. */
export function replacedError(path: string): RuntimeError {
  return new RuntimeError(`The journal at ${path} was replaced while this command waited for it.`, [
    'Another noisy encrypted or decrypted it, or changed its passphrase, meanwhile.',
    'Nothing was saved. Run the command again (with the passphrase, if it is',
    'encrypted now).',
  ]);
}
