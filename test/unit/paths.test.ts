import { describe, expect, it } from 'vitest';
import { resolveDbPath } from '../../src/storage/paths.js';

const HOME = '/home/ada';
const CWD = '/work/here';

describe('resolveDbPath', () => {
  it('prefers --db, resolved against the working directory', () => {
    expect(resolveDbPath('j.db', { NOISY_DB: '/env/j.db', XDG_DATA_HOME: '/xdg' }, CWD, HOME)).toBe('/work/here/j.db');
    expect(resolveDbPath('/abs/j.db', { NOISY_DB: '/env/j.db' }, CWD, HOME)).toBe('/abs/j.db');
  });

  it('then $NOISY_DB', () => {
    expect(resolveDbPath(undefined, { NOISY_DB: '/env/j.db', XDG_DATA_HOME: '/xdg' }, CWD, HOME)).toBe('/env/j.db');
    expect(resolveDbPath(undefined, { NOISY_DB: 'rel/j.db' }, CWD, HOME)).toBe('/work/here/rel/j.db');
  });

  it('then an absolute $XDG_DATA_HOME', () => {
    expect(resolveDbPath(undefined, { XDG_DATA_HOME: '/xdg' }, CWD, HOME)).toBe('/xdg/noisy/journal.db');
  });

  it('ignores a relative or empty $XDG_DATA_HOME, as the XDG spec asks', () => {
    expect(resolveDbPath(undefined, { XDG_DATA_HOME: 'data' }, CWD, HOME)).toBe('/home/ada/.local/share/noisy/journal.db');
    expect(resolveDbPath(undefined, { XDG_DATA_HOME: '' }, CWD, HOME)).toBe('/home/ada/.local/share/noisy/journal.db');
  });

  it('else ~/.local/share/noisy/journal.db; empty values count as unset', () => {
    expect(resolveDbPath(undefined, {}, CWD, HOME)).toBe('/home/ada/.local/share/noisy/journal.db');
    expect(resolveDbPath('', { NOISY_DB: '' }, CWD, HOME)).toBe('/home/ada/.local/share/noisy/journal.db');
  });
});
