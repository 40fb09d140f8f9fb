import { homedir, userInfo } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';

/**
 * Where the journal lives: --db (relative to the folder the command is typed in), else $NOISY_DB,
 * else $XDG_DATA_HOME/noisy/journal.db (only when XDG_DATA_HOME is absolute, as the XDG spec asks),
 * else ~/.local/share/noisy/journal.db. A NOISY_DB or HOME that is set but empty or relative is
 * refused (a UsageError naming the path it would have meant) rather than resolved against the
 * current folder, where the journal would seem to move with you. `home` is used when HOME is unset.
 */
export function resolveDbPath(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
  home: string = accountHome(),
): string {
  if (flag !== undefined) {
    if (flag === '') throw new UsageError('--db needs a path, e.g. --db ~/private/journal.db.');
    return resolve(cwd, flag);
  }
  const noisyDb = env.NOISY_DB;
  if (noisyDb !== undefined) {
    if (noisyDb === '') {
      throw new UsageError('NOISY_DB is set but empty, so noisy does not know where your journal is.', [
        'Set it to an absolute path (export NOISY_DB="$HOME/private/journal.db"),',
        'or unset it (unset NOISY_DB) to use the default place.',
      ]);
    }
    if (!isAbsolute(noisyDb)) {
      throw new UsageError(`NOISY_DB is a relative path (${noisyDb}): here it would mean ${resolve(cwd, noisyDb)},`, [
        'and somewhere else in another folder, so entries would seem to come and go.',
        `Give the absolute path: export NOISY_DB='${resolve(cwd, noisyDb)}'`,
        'or, for one command, --db PATH (relative to the folder you are in).',
      ]);
    }
    return noisyDb;
  }
  const xdg = env.XDG_DATA_HOME;
  if (xdg && isAbsolute(xdg)) return join(xdg, 'noisy', 'journal.db');
  const envHome = env.HOME;
  if (envHome !== undefined && !isAbsolute(envHome)) {
    const meant = resolve(cwd, envHome, '.local', 'share', 'noisy', 'journal.db');
    throw new UsageError(`HOME is ${envHome === '' ? 'empty' : `a relative path (${envHome})`}, so the journal would be ${meant},`, [
      'inside the folder you are in, and a different one in every folder.',
      'Set HOME to your home folder, or name the journal with --db PATH or $NOISY_DB.',
    ]);
  }
  return join(envHome ?? home, '.local', 'share', 'noisy', 'journal.db');
}

/** The home folder of the account running noisy (from the password database, not $HOME). */
function accountHome(): string {
  try {
    return userInfo().homedir;
  } catch {
    return homedir();
  }
}
