import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * Where the journal lives: --db, else $NOISY_DB, else $XDG_DATA_HOME/noisy/journal.db (only when
 * XDG_DATA_HOME is absolute, as the XDG spec asks), else ~/.local/share/noisy/journal.db.
 */
export function resolveDbPath(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
  home: string = homedir(),
): string {
  if (flag) return resolve(cwd, flag);
  if (env.NOISY_DB) return resolve(cwd, env.NOISY_DB);
  const xdg = env.XDG_DATA_HOME;
  if (xdg && isAbsolute(xdg)) return join(xdg, 'noisy', 'journal.db');
  return join(home, '.local', 'share', 'noisy', 'journal.db');
}
