// The questions of `noisy attempts add` at a terminal, for what the flags left out. Loaded only
// when asking (inquirer and the date parser are heavy).
import type { Context, Output } from '../cli/context.js';
import { InterruptedError } from '../errors.js';
import { ATTEMPT_METHODS } from '../core/attempts.js';
import type { Method } from '../core/domain.js';
import { normaliseText } from '../core/fields.js';
import { loadDayParser } from '../ui/dates.js';
import { METHOD_CHOICES } from '../ui/labels.js';
import { rateProblem, titleProblem, type NewAttempt } from './attempts.js';

const STOPPED = 'Stopped. Nothing was saved.';

/** Asks for each part of a new attempt the flags did not give; every answer is checked as it is given. */
export async function askAttempt(ctx: Context, given: Partial<NewAttempt>, today: string, out: Output): Promise<NewAttempt> {
  const asker = await ctx.asker();
  const parseDay = await loadDayParser();
  const dayOf = (text: string): string | null => (text.trim().toLowerCase() === 'today' ? today : parseDay(text, ctx.now()));
  out.write('Recording something you tried or applied for. Ctrl+C stops; nothing is saved until the end.\n');
  try {
    const title =
      given.title ??
      normaliseText(await asker.text({ message: 'What did you try or apply for?', validate: (v) => titleProblem(v) }));
    const method: Method =
      given.method ??
      (await asker.select<Method>({
        message: 'What kind of evaluation will it bring first?',
        choices: ATTEMPT_METHODS.map((m) => ({ value: m, name: METHOD_CHOICES[m] })),
        default: 'cv-screen',
      }));
    const rate =
      given.rate !== undefined
        ? given.rate
        : await asker.number({
            message: 'What share of people who try get through, if you know? (percent)',
            min: 0,
            max: 100,
            optional: true,
            validate: (v) => (v === null ? null : rateProblem(v)),
          });
    const date =
      given.date ??
      (dayOf(
        await asker.text({
          message: 'When did you send it or do it?',
          default: 'today',
          editable: false,
          validate: (v) => {
            const day = dayOf(v);
            if (day === null) return 'Write a day as YYYY-MM-DD, or e.g. "yesterday", "last monday".';
            return day > today ? `That is in the future (today is ${today}).` : null;
          },
        }),
      ) as string);
    let expectReplyBy = given.expectReplyBy;
    if (expectReplyBy === undefined) {
      const text = await asker.text({
        message: 'When do you expect to hear back? (Enter if you don\'t know)',
        default: '',
        validate: (v) => {
          if (v.trim() === '') return null;
          const day = dayOf(v);
          if (day === null) return 'Write a day as YYYY-MM-DD, or e.g. "in 3 weeks"; Enter skips.';
          return day < date ? `That is before the day you sent it (${date}).` : null;
        },
      });
      expectReplyBy = text.trim() === '' ? null : dayOf(text);
    }
    return { title, method, rate, date, expectReplyBy: expectReplyBy ?? null };
  } catch (error) {
    if (error instanceof InterruptedError) throw new InterruptedError(STOPPED);
    throw error;
  }
}
