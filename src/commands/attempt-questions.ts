// The questions of `noisy attempts add` at a terminal, for what the flags left out. Loaded only
// when asking (inquirer and the date parser are heavy).
import type { Context, Output } from '../cli/context.js';
import { InterruptedError } from '../errors.js';
import type { Asker } from '../ui/asker.js';
import { ATTEMPT_METHODS } from '../core/attempts.js';
import type { Method } from '../core/domain.js';
import { LIMITS, normaliseText, textProblems } from '../core/fields.js';
import { loadDayParser } from '../ui/dates.js';
import { METHOD_CHOICES } from '../ui/labels.js';
import { rateProblem, titleProblem, type NewAttempt } from './attempts.js';

const STOPPED = 'Stopped. Nothing was saved.';

/** A belief to pick for an attempt: one of the journal's (id), or a new statement (id null). */
export type BeliefChoice = { id: string | null; statement: string } | null;

/**
 * Asks for each part of a new attempt the flags did not give; every answer is checked as it is given.
 * The belief it bears on is asked last unless `--belief` gave it (`belief` undefined): one of the
 * journal's `beliefs` (most recent first, as reflect offers them), a new one, or none.
 */
export async function askAttempt(
  ctx: Context,
  given: Partial<NewAttempt>,
  today: string,
  out: Output,
  beliefs: readonly { id: string; statement: string }[],
  belief: BeliefChoice | undefined,
): Promise<NewAttempt & { belief: BeliefChoice }> {
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
    const about = belief !== undefined ? belief : await askBelief(asker, beliefs);
    return { title, method, rate, date, expectReplyBy: expectReplyBy ?? null, belief: about };
  } catch (error) {
    if (error instanceof InterruptedError) throw new InterruptedError(STOPPED);
    throw error;
  }
}

const NEW_BELIEF = 'new';
const NO_BELIEF = 'none';

/** Which belief the attempt bears on: picked from the journal's, typed, or none (Enter). */
async function askBelief(asker: Asker, beliefs: readonly { id: string; statement: string }[]): Promise<BeliefChoice> {
  if (beliefs.length > 0) {
    const picked = await asker.select<string>({
      message: 'Which belief about yourself does it bear on?',
      choices: [
        ...beliefs.map((b) => ({ value: b.id, name: b.statement })),
        { value: NEW_BELIEF, name: 'A new one (you type it next)' },
        { value: NO_BELIEF, name: 'None for now' },
      ],
      default: beliefs[0]!.id,
    });
    if (picked === NO_BELIEF) return null;
    if (picked !== NEW_BELIEF) return { id: picked, statement: beliefs.find((b) => b.id === picked)!.statement };
  }
  const text = normaliseText(
    await asker.text({
      message: 'Which belief about yourself does it bear on? (Enter skips)',
      default: '',
      validate: (v) => {
        const problems = textProblems(normaliseText(v), LIMITS.shortText);
        return problems.length > 0 ? `It ${problems[0]}.` : null;
      },
    }),
  );
  if (text === '') return null;
  // A statement the journal has (ignoring case and spacing) is that belief; saving finds it.
  return { id: null, statement: text };
}
