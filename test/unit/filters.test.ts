import { describe, expect, it } from 'vitest';
import { parseFilterOptions } from '../../src/cli/filters.js';
import { UsageError } from '../../src/errors.js';

const ctx = { now: () => new Date('2026-12-01T10:00:00') };

describe('parseFilterOptions', () => {
  it('is empty without flags', async () => {
    expect(await parseFilterOptions({}, ctx)).toEqual({});
  });

  it('reads days and phrases relative to now, kinds and tags', async () => {
    expect(await parseFilterOptions({ since: '2026-01-31', until: 'yesterday', kind: 'Peer-Review', tag: '#Fellowship' }, ctx)).toEqual({
      since: '2026-01-31',
      until: '2026-11-30',
      kind: 'peer-review',
      tag: 'fellowship',
    });
    expect(await parseFilterOptions({ since: '3 weeks ago' }, ctx)).toEqual({ since: '2026-11-10' });
  });

  it.each([
    [{ since: 'soonish' }, /--since "soonish" is not a date/],
    [{ until: '2026-02-30' }, /--until "2026-02-30" is not a date/],
    [{ since: '2026-05-01', until: '2026-04-01' }, /--since \(2026-05-01\) is after --until/],
    [{ kind: 'party' }, /--kind "party" is not a kind/],
    [{ tag: 'two words' }, /--tag "two words" is not a tag/],
  ])('refuses %j as a usage error', async (flags, message) => {
    const error = await parseFilterOptions(flags, ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(message);
  });
});
