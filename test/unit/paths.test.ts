import { describe, expect, it } from 'vitest';
import { resolveDbPath } from '../../src/storage/paths.js';

const HOME = '/home/ada';
const CWD = '/work/here';

describe('resolveDbPath', () => {
  it('prefers --db, resolved against the working directory', () => {
    expect(resolveDbPath('j.db', { NOISY_DB: '/env/j.db', XDG_DATA_HOME: '/xdg' }, CWD, HOME)).toBe('/work/here/j.db');
    expect(resolveDbPath('/abs/j.db', { NOISY_DB: '/env/j.db' }, CWD, HOME)).toBe('/abs/j.db');
  });

  it('then $NOISY_DB, which must be absolute', () => {
    expect(resolveDbPath(undefined, { NOISY_DB: '/env/j.db', XDG_DATA_HOME: '/xdg' }, CWD, HOME)).toBe('/env/j.db');
    expect(() => resolveDbPath(undefined, { NOISY_DB: 'rel/j.db' }, CWD, HOME)).toThrow(/relative path \(rel\/j\.db\): here it would mean \/work\/here\/rel\/j\.db/);
    expect(() => resolveDbPath(undefined, { NOISY_DB: '' }, CWD, HOME)).toThrow(/NOISY_DB is set but empty/);
  });

  it('then an absolute $XDG_DATA_HOME', () => {
    expect(resolveDbPath(undefined, { XDG_DATA_HOME: '/xdg' }, CWD, HOME)).toBe('/xdg/noisy/journal.db');
  });

  it('ignores a relative or empty $XDG_DATA_HOME, as the XDG spec asks', () => {
    expect(resolveDbPath(undefined, { XDG_DATA_HOME: 'data' }, CWD, HOME)).toBe('/home/ada/.local/share/noisy/journal.db');
    expect(resolveDbPath(undefined, { XDG_DATA_HOME: '' }, CWD, HOME)).toBe('/home/ada/.local/share/noisy/journal.db');
  });

  it('else ~/.local/share/noisy/journal.db, from $HOME when it is set (it must be absolute)', () => {
    expect(resolveDbPath(undefined, {}, CWD, HOME)).toBe('/home/ada/.local/share/noisy/journal.db');
    expect(resolveDbPath(undefined, { HOME: '/home/bo' }, CWD, HOME)).toBe('/home/bo/.local/share/noisy/journal.db');
    expect(() => resolveDbPath(undefined, { HOME: '' }, CWD, HOME)).toThrow(/HOME is empty, so the journal would be \/work\/here\/\.local\/share\/noisy\/journal\.db/);
    expect(() => resolveDbPath(undefined, { HOME: 'ada' }, CWD, HOME)).toThrow(/HOME is a relative path \(ada\)/);
  });

  it('refuses an empty --db', () => {
    expect(() => resolveDbPath('', {}, CWD, HOME)).toThrow(/--db needs a path/);
  });
});
