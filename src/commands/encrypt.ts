// `noisy encrypt`, `noisy decrypt` and `noisy passphrase`: the journal rewritten under a new key
// (or none) by storage/convert.ts, which swaps the new file in only once it checked out.
import { statSync } from 'node:fs';
import type { Context } from '../cli/context.js';
import { readPassphraseFile } from '../cli/passphrase-source.js';
import { RuntimeError, UsageError } from '../errors.js';
import { deriveRawKey, keyFor, looksPlain, useKey, type JournalKey } from '../storage/cipher.js';
import { convertJournal } from '../storage/convert.js';
import { Store } from '../storage/store.js';

export interface EncryptOptions {
  remember?: boolean;
}

export interface PassphraseOptions {
  newPassphraseFile?: string;
}

const LOST = 'Keep the passphrase safe: if it is lost, nothing can recover the journal.';

/** `noisy encrypt`: a plain journal becomes an encrypted one. */
export async function encrypt(ctx: Context, options: EncryptOptions): Promise<void> {
  const path = existingJournal(ctx);
  if (!looksPlain(path)) {
    throw new RuntimeError(`The journal at ${path} is encrypted already (or damaged).`, [
      'Nothing was changed. To change its passphrase: noisy passphrase',
    ]);
  }
  Store.openForReading(path).close(); // Refuses anything but a noisy journal, before any copying.
  const passphrase = await newPassphrase(ctx, ctx.passphraseFile, 'noisy encrypt --passphrase-file FILE');
  const { entries } = convertJournal(path, null, { kind: 'passphrase', passphrase });
  ctx.stderr.write(`Encrypted the journal at ${path} (${plural(entries)}).\n${LOST}\n`);
  if (options.remember) {
    const { rememberKey } = await import('../storage/keyring.js');
    const key = deriveRawKey(path, passphrase);
    const failed = await rememberKey(path, key.hex, ctx.env);
    ctx.stderr.write(
      failed === null
        ? 'Its key is in your keyring now: noisy opens it without asking.\n'
        : `Not remembered: ${failed}. noisy will ask for the passphrase.\n`,
    );
  }
}

/** `noisy decrypt`: an encrypted journal becomes a plain one. */
export async function decrypt(ctx: Context): Promise<void> {
  const path = existingJournal(ctx);
  if (looksPlain(path)) throw new RuntimeError(`The journal at ${path} is not encrypted.`, ['Nothing was changed.']);
  const key = keyOrRefuse(path);
  Store.openForReading(path).close(); // A wrong passphrase is refused here, before any copying.
  const { entries } = convertJournal(path, key, null);
  useKey(path, null);
  const { forgetKey } = await import('../storage/keyring.js');
  await forgetKey(path, ctx.env);
  ctx.stderr.write(`Decrypted the journal at ${path} (${plural(entries)}): anyone with the file can read it now.\n`);
}

/** `noisy passphrase`: an encrypted journal gets a new passphrase. */
export async function changePassphrase(ctx: Context, options: PassphraseOptions): Promise<void> {
  const path = existingJournal(ctx);
  if (looksPlain(path)) {
    throw new RuntimeError(`The journal at ${path} is not encrypted.`, ['Nothing was changed. To encrypt it: noisy encrypt']);
  }
  const key = keyOrRefuse(path);
  Store.openForReading(path).close();
  const passphrase = await newPassphrase(ctx, options.newPassphraseFile, 'noisy passphrase --passphrase-file OLD --new-passphrase-file NEW');
  const { keyringState, rememberKey } = await import('../storage/keyring.js');
  const wasRemembered = (await keyringState(path, ctx.env)) === 'stored';
  const { entries } = convertJournal(path, key, { kind: 'passphrase', passphrase });
  const newKey = deriveRawKey(path, passphrase);
  useKey(path, newKey);
  ctx.stderr.write(`Changed the passphrase of the journal at ${path} (${plural(entries)}).\n${LOST}\n`);
  if (wasRemembered) {
    const failed = await rememberKey(path, newKey.hex, ctx.env);
    if (failed !== null) ctx.stderr.write(`The keyring still holds the old key: ${failed}.\n`);
  }
}

/** The journal's path, refusing a missing or empty one (there is nothing to convert). */
function existingJournal(ctx: Context): string {
  const path = ctx.dbPath;
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new RuntimeError(`There is no journal at ${path} yet.`, ['Nothing was changed. Save an entry first: noisy reflect']);
  }
  if (size === 0) throw new RuntimeError(`The journal at ${path} is empty: there is nothing to convert.`, ['Nothing was changed.']);
  return path;
}

function keyOrRefuse(path: string): JournalKey {
  const key = keyFor(path);
  if (key === null) {
    throw new RuntimeError(`The journal at ${path} is damaged, or encrypted: give the passphrase with --passphrase-file FILE.`, [
      'The file was not changed. For scripts: NOISY_PASSPHRASE_FILE=FILE.',
    ]);
  }
  return key;
}

/** The new passphrase: from `file`, else asked twice on the terminal (masked). */
async function newPassphrase(ctx: Context, file: string | undefined, usage: string): Promise<string> {
  if (file !== undefined) return readPassphraseFile(file, ctx.cwd);
  if (!ctx.interactive || ctx.askSecret === undefined) {
    throw new UsageError('There is no terminal to ask for the new passphrase on. Give it in a file', [
      '(its first line; never on the command line):',
      `  ${usage}`,
    ]);
  }
  for (;;) {
    const first = await ctx.askSecret('New passphrase:');
    if (first === '') {
      ctx.stderr.write('The passphrase cannot be empty.\n');
      continue;
    }
    if ((await ctx.askSecret('The same again:')) === first) return first;
    ctx.stderr.write('The two did not match; once more.\n');
  }
}

function plural(n: number): string {
  return n === 1 ? '1 entry' : `${n} entries`;
}
