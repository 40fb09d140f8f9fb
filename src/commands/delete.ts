import type { Context } from '../cli/context.js';
import { RuntimeError, UsageError } from '../errors.js';
import { Store } from '../storage/store.js';
import { findAttempt, findEntry } from './lookup.js';

export interface DeleteOptions {
  /** Delete without asking (required when there is no terminal to ask on). */
  yes?: boolean;
}

/** `noisy delete ID`: removes one entry and its follow-ups, or one attempt (`a-…`), after asking (or with --yes). */
export async function deleteEntry(ctx: Context, id: string, options: DeleteOptions): Promise<void> {
  const store = Store.open(ctx.dbPath, { create: false });
  try {
    if (id.trim().toLowerCase().startsWith('a-')) {
      await deleteAttempt(ctx, store, id, options);
      return;
    }
    const entry = findEntry(store, id);
    const described = `"${entry.title}" (${entry.date}, id ${entry.id})`;
    if (!options.yes) {
      if (!ctx.interactive) {
        throw new UsageError(`noisy delete asks before deleting, and there is no terminal to ask on.`, [
          `The entry: ${described}.`,
          'To delete it without being asked, add --yes:',
          `  noisy delete ${entry.id} --yes`,
        ]);
      }
      const asker = await ctx.asker();
      ctx.stderr.write('A copy first, if you might want it back:\n  noisy export --format json -o backup.json\n');
      const sure = await asker.confirm({ message: `Delete ${described}? This can't be undone.`, default: false });
      if (!sure) {
        ctx.stderr.write('Kept it; nothing was deleted.\n');
        return;
      }
    }
    if (!store.deleteEntry(entry.id)) throw new RuntimeError(`Entry ${entry.id} was already gone; nothing was deleted.`);
    ctx.stderr.write(`Deleted ${described}${entry.followUps.length > 0 ? ` and its ${entry.followUps.length === 1 ? 'follow-up' : `${entry.followUps.length} follow-ups`}` : ''}.\n`);
  } finally {
    store.close();
  }
}

/** An attempt (`a-…`): the same care as for an entry. An entry that reflected on it stays. */
async function deleteAttempt(ctx: Context, store: Store, id: string, options: DeleteOptions): Promise<void> {
  const attempt = findAttempt(store, id);
  const described = `attempt "${attempt.title}" (${attempt.date}, id ${attempt.id})`;
  if (!options.yes) {
    if (!ctx.interactive) {
      throw new UsageError(`noisy delete asks before deleting, and there is no terminal to ask on.`, [
        `The ${described}.`,
        'To delete it without being asked, add --yes:',
        `  noisy delete ${attempt.id} --yes`,
      ]);
    }
    const asker = await ctx.asker();
    const sure = await asker.confirm({ message: `Delete ${described}? This can't be undone.`, default: false });
    if (!sure) {
      ctx.stderr.write('Kept it; nothing was deleted.\n');
      return;
    }
  }
  if (!store.attempts.delete(attempt.id)) throw new RuntimeError(`Attempt ${attempt.id} was already gone; nothing was deleted.`);
  ctx.stderr.write(`Deleted ${described}.${attempt.entryId ? ` Entry ${attempt.entryId}, which reflects on it, is kept.` : ''}\n`);
}
