// "Did you hear back?": `noisy followup` walks through attempts past the day a reply was expected.
import type { Context } from '../cli/context.js';
import { InterruptedError } from '../errors.js';
import { addDays } from '../core/dates.js';
import { chanceOfAcceptanceIfGoodEnough, type Attempt } from '../core/attempts.js';
import type { Store } from '../storage/store.js';
import type { Asker } from '../ui/asker.js';
import { loadDayParser } from '../ui/dates.js';
import { REPLY_CHOICES, renderRepliesDue, renderResolved, replyQuestion, repliesDone, type ReplyChoice } from '../ui/attempts-text.js';
import { styler } from '../ui/style.js';
import { assumptionsFor, attemptRecord } from './attempts.js';

/** How long "not yet" waits before asking again, unless the person names a day. An assumption. */
export const ASK_AGAIN_DAYS = 14;

export interface RepliesWalk {
  resolved: number;
  postponed: number;
  skipped: number;
  /** The person chose to stop the walk. */
  stopped: boolean;
}

/** Asks about each attempt whose reply is overdue; each answer is saved as it is given. */
export async function walkReplies(ctx: Context, store: Store, asker: Asker, today: string, overdue: readonly Attempt[]): Promise<RepliesWalk> {
  const c = styler(ctx.color.stdout);
  const result: RepliesWalk = { resolved: 0, postponed: 0, skipped: 0, stopped: false };
  if (overdue.length === 0) return result;
  ctx.stdout.write(renderRepliesDue(overdue, c));
  for (const attempt of overdue) {
    const choice = await guarded(result, () => asker.select<ReplyChoice>({ message: replyQuestion(attempt), choices: REPLY_CHOICES, default: 'not-yet' }));
    if (choice === 'stop') {
      result.stopped = true;
      break;
    }
    if (choice === 'skip') {
      result.skipped += 1;
      continue;
    }
    if (choice === 'not-yet') {
      const parseDay = await loadDayParser();
      const suggested = addDays(today, ASK_AGAIN_DAYS);
      const text = await guarded(result, () =>
        asker.text({
          message: 'When should noisy ask again?',
          default: suggested,
          editable: false,
          validate: (v) => {
            const day = parseDay(v, ctx.now());
            if (day === null) return 'Write a day as YYYY-MM-DD, or e.g. "in 2 weeks".';
            return day <= today ? 'Give a day after today.' : null;
          },
        }),
      );
      store.attempts.expectReplyBy(attempt.id, parseDay(text, ctx.now()) ?? suggested);
      result.postponed += 1;
      continue;
    }
    store.attempts.resolve(attempt.id, choice, today);
    result.resolved += 1;
    const record = attemptRecord(store.attempts.get(attempt.id)!);
    const chance = chanceOfAcceptanceIfGoodEnough(record.validity, record.selectionRate, assumptionsFor(store, record.beliefId).bar);
    ctx.stdout.write(renderResolved(record, 'pending', chance, c));
  }
  ctx.stderr.write(repliesDone(result));
  return result;
}

/** Ctrl+C says what was saved: every answer given before it. */
async function guarded<T>(result: RepliesWalk, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof InterruptedError) {
      const saved = result.resolved + result.postponed;
      throw new InterruptedError(saved === 0 ? 'Stopped. Nothing was changed for this attempt.' : `Stopped. The ${saved === 1 ? 'answer' : `${saved} answers`} given before it ${saved === 1 ? 'is' : 'are'} saved.`);
    }
    throw error;
  }
}
