import type { Context } from '../cli/context.js';
import { InterruptedError, UsageError } from '../errors.js';
import { printJson, readJsonInput } from '../cli/io.js';
import { parseAnswers, DEFAULT_FOLLOW_UP_DAYS, LIMITS, normaliseTag } from '../core/answers.js';
import { addDays, localTime, toIsoDay } from '../core/dates.js';
import { KINDS, METHODS, STATES, type Kind, type Method } from '../core/domain.js';
import type { Answers, Entry } from '../core/entry.js';
import { newEntryId } from '../core/ids.js';
import type { Pack } from '../core/pack.js';
import { assess } from '../core/summary.js';
import { loadPacks, type Packs } from '../packs/load.js';
import { Store } from '../storage/store.js';
import type { Asker } from '../ui/asker.js';
import { loadDayParser, parseFutureDay, type DayParser } from '../ui/dates.js';
import { DraftSession, isObjectDraft, type Draft } from './drafts.js';
import { METHOD_CHOICES, STATE_LABELS } from '../ui/labels.js';
import { styler } from '../ui/style.js';
import { renderSummary } from '../ui/summary-text.js';

export interface ReflectOptions {
  /** Path of an answers file, or '-' for standard input. */
  answers?: string;
  json?: boolean;
}

export const DRAFT_NAME = 'reflect';

/** `noisy reflect`: guided questions (or an answers file), one saved entry, a reframed summary. */
export async function reflect(ctx: Context, options: ReflectOptions): Promise<void> {
  const packs = loadPacks();
  const today = toIsoDay(ctx.now());

  if (options.answers !== undefined) {
    const raw = await readJsonInput(ctx, options.answers, 'answers');
    const answers = validated(raw, packs, today, options.answers === '-' ? 'standard input' : options.answers);
    const store = Store.open(ctx.dbPath, { create: true });
    try {
      const entry = toEntry(answers, ctx.now());
      store.insertEntry(entry);
      report(ctx, entry, packs[entry.kind], options.json ?? false);
    } finally {
      store.close();
    }
    return;
  }

  if (!ctx.interactive) {
    throw new UsageError('noisy reflect asks its questions in a terminal, and this is not one.', [
      'Without a terminal, pass your answers with --answers:',
      '  noisy reflect --answers answers.json',
      '  noisy reflect --answers - < answers.json   (from standard input)',
      'examples/answers.json shows every field.',
    ]);
  }

  const store = Store.open(ctx.dbPath, { create: true });
  try {
    const asker = await ctx.asker();
    const draft = await offerDraft(ctx, store, asker);
    const session = new DraftSession(store, DRAFT_NAME, ctx.now, draft.answers, draft.saveAsYouGo, ['kind']);
    let raw: Record<string, unknown>;
    try {
      raw = await askAll(asker, packs, session, ctx.now());
    } catch (error) {
      if (error instanceof InterruptedError) {
        const kept = session.keep();
        throw new InterruptedError(
          kept
            ? 'Stopped. Nothing was saved as an entry. What you typed is kept as a draft;\n`noisy reflect` will offer to pick it up next time.'
            : 'Stopped. Nothing was saved.',
        );
      }
      throw error;
    }
    const answers = validated(raw, packs, today, 'your answers');
    const entry = toEntry(answers, ctx.now());
    store.insertEntryFromDraft(entry, DRAFT_NAME);
    report(ctx, entry, packs[entry.kind], options.json ?? false);
  } finally {
    store.close();
  }
}

function validated(raw: unknown, packs: Packs, today: string, shown: string): Answers {
  const result = parseAnswers(raw, packs, today);
  if (!result.ok) {
    const count = result.errors.length === 1 ? 'a problem' : `${result.errors.length} problems`;
    throw new UsageError(`The answers in ${shown} have ${count}; nothing was saved:`, [
      ...result.errors,
      'Fix these fields and run the command again (examples/answers.json shows every field).',
    ]);
  }
  return result.answers;
}

export function toEntry(answers: Answers, now: Date, id: string = newEntryId()): Entry {
  return { ...answers, id, createdAt: now.toISOString(), followUps: [] };
}

function report(ctx: Context, entry: Entry, pack: Pack, json: boolean): void {
  const assessment = assess(entry, pack);
  if (json) {
    printJson(ctx, { entry, assessment });
    return;
  }
  ctx.stdout.write(renderSummary(entry, assessment, styler(ctx.color.stdout)));
  ctx.stderr.write(`Saved as entry ${entry.id}. See it again with \`noisy show ${entry.id}\`.\n`);
}

// ── drafts ─────────────────────────────────────────────────────────────────────────────────────

interface DraftStart {
  answers: Draft;
  /** False when an older draft was declined: it stays untouched unless this run is interrupted. */
  saveAsYouGo: boolean;
}

async function offerDraft(ctx: Context, store: Store, asker: Asker): Promise<DraftStart> {
  const saved = store.loadDraft(DRAFT_NAME);
  if (!saved || typeof saved.data !== 'object' || saved.data === null || Array.isArray(saved.data)) return { answers: {}, saveAsYouGo: true };
  const data = saved.data as Draft;
  const title = typeof data.title === 'string' && data.title ? ` "${data.title}"` : '';
  const resume = await asker.confirm({ message: `Pick up your unfinished reflection${title} from ${localTime(saved.updatedAt)}?`, default: true });
  if (resume) return { answers: data, saveAsYouGo: true };
  ctx.stderr.write('Starting fresh. The old draft stays until this reflection is saved or interrupted.\n');
  return { answers: {}, saveAsYouGo: false };
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const isBool = (v: unknown): v is boolean => typeof v === 'boolean';

// ── the questions ──────────────────────────────────────────────────────────────────────────────

async function askAll(asker: Asker, packs: Packs, s: DraftSession, now: Date): Promise<Record<string, unknown>> {
  const today = toIsoDay(now);
  // The date parser is needed from the third question on: load it while the person reads the
  // first, so that question appears at once. (Caught here, rethrown where it is awaited.)
  let dayParser: Promise<DayParser> | undefined;
  const startLoadingDayParser = () => {
    dayParser ??= loadDayParser();
    dayParser.catch(() => undefined);
  };
  let parseDay: DayParser = () => null;
  const dayNotFuture = (text: string) => {
    const day = parseDay(text, now);
    if (!day) return 'Write a date like 2026-11-20, "yesterday" or "last friday".';
    return day > today ? 'That is in the future. When did it happen?' : null;
  };

  // 1. What happened
  const priorKind = s.prior('kind', (v): v is Kind => isString(v) && (KINDS as readonly string[]).includes(v));
  const kindAnswer = asker.select<Kind>({
    message: 'What kind of evaluation was it?',
    choices: KINDS.map((k) => ({ value: k, name: packs[k].label })),
    default: priorKind,
  });
  setImmediate(startLoadingDayParser);
  const kind = await kindAnswer;
  s.set('kind', kind);
  const pack = packs[kind];

  const title = await asker.text({
    message: `A short title (e.g. "${pack.titleExample}")`,
    default: s.prior('title', isString),
    validate: (v) => (v.trim() === '' ? 'A few words is enough.' : v.trim().length > LIMITS.title ? `At most ${LIMITS.title} characters.` : null),
    onChange: s.typing('title'),
  });
  s.set('title', title.trim());

  startLoadingDayParser();
  parseDay = await dayParser!;
  const dateText = await asker.text({
    message: 'When did it happen? (today, yesterday, last friday, or YYYY-MM-DD)',
    default: s.prior('date', isString) ?? 'today',
    editable: false,
    validate: dayNotFuture,
  });
  const date = parseDay(dateText, now) ?? today;
  s.set('date', date);

  const extras: Record<string, string> = {};
  for (const extra of pack.extras) {
    const value = await asker.text({ message: extra.message, default: s.prior(extra.id, isString), onChange: s.typing(extra.id) });
    extras[extra.id] = value.trim();
    s.set(extra.id, extras[extra.id]);
  }

  const story = await asker.text({
    message: 'What happened? Write as much or as little as you like (optional).',
    default: s.prior('story', isString),
    multiline: true,
    validate: (v) => (v.length > LIMITS.longText ? `That's over ${LIMITS.longText} characters; trim it a little.` : null),
    onChange: s.typing('story'),
  });
  s.set('story', story);

  // 2. The belief at stake
  // Read the whole prior belief now: each answer below replaces the draft's belief object.
  const priorBelief = s.prior('belief', isObjectDraft) ?? {};
  const statement = await asker.text({
    message: 'What belief about yourself is at stake? (edit it to fit)',
    default: str(priorBelief.statement) ?? pack.defaultBelief,
    onChange: s.typing('belief.statement'),
  });
  const belief: Record<string, unknown> = { statement: statement.trim() || pack.defaultBelief };
  s.set('belief', { ...belief });
  belief.before = await asker.number({ message: 'Before this happened, how likely did that feel? (0-100)', min: 0, max: 100, default: num(priorBelief.before) });
  s.set('belief', { ...belief });
  belief.after = await asker.number({ message: 'And how likely does it feel right now? (0-100)', min: 0, max: 100, default: num(priorBelief.after) });
  s.set('belief', { ...belief });

  // 3. How much did they see?
  const priorEval = s.prior('evaluation', isObjectDraft) ?? {};
  const ordered: Method[] = [...pack.methods, ...METHODS.filter((m) => !pack.methods.includes(m))];
  const evaluation: Record<string, unknown> = {};
  evaluation.method = await asker.select<Method>({
    message: 'How were you evaluated?',
    choices: ordered.map((m) => ({ value: m, name: METHOD_CHOICES[m] })),
    default: (priorEval.method as Method | undefined) ?? pack.defaultMethod,
  });
  s.set('evaluation', { ...evaluation });
  // A verdict you passed on yourself has no evaluator watching for minutes and no pool to be
  // selected from: those two questions would only confuse.
  const ownVerdict = evaluation.method === 'self-assessment';
  evaluation.minutesSeen = ownVerdict
    ? null
    : await asker.number({
        message: 'Roughly how many minutes of you did they see? (a CV: 1, an interview: 45)',
        min: 0,
        max: LIMITS.minutesSeen,
        optional: true,
        default: num(priorEval.minutesSeen),
      });
  s.set('evaluation', { ...evaluation });
  evaluation.whatTheySaw = (await asker.text({ message: pack.whatTheySawPrompt + ' (optional)', default: str(priorEval.whatTheySaw), onChange: s.typing('evaluation.whatTheySaw') })).trim();
  s.set('evaluation', { ...evaluation });
  // Nor is there a quota in a conversation: the model treats its verdict as a judgement (see noisy evidence).
  evaluation.selectionRate = ownVerdict || evaluation.method === 'conversation'
    ? null
    : await asker.number({
        message: 'What percent of people get through, if you know? (e.g. 5 for 5%)',
        min: 0.01,
        max: 100,
        optional: true,
        default: num(priorEval.selectionRate),
      });
  s.set('evaluation', { ...evaluation });

  // 4. Confounders
  const confounders = await asker.checkbox<string>({
    message: 'Which of these may have played a part? (space to tick, enter when done)',
    choices: pack.confounders.map((c) => ({ value: c.id, name: c.label, description: c.hint })),
    checked: s.prior('confounders', isStringList),
  });
  s.set('confounders', confounders);
  const otherConfounders = await asker.text({ message: 'Anything else that may have played a part? (optional)', default: s.prior('otherConfounders', isString), onChange: s.typing('otherConfounders') });
  s.set('otherConfounders', otherConfounders.trim());

  // 5. Was it about me?
  const aboutMe = await asker.number({ message: 'How much of the outcome was about your ability? (0 = none, 100 = all)', min: 0, max: 100, default: num(s.prior('aboutMe', isNumber)) });
  s.set('aboutMe', aboutMe);
  let notAboutMeReasons: string[] = [];
  if (pack.notAboutMe.length > 0) {
    notAboutMeReasons = await asker.checkbox<string>({
      message: 'Could any of these have been part of it? (none is fine)',
      choices: pack.notAboutMe.map((o) => ({ value: o.id, name: o.label })),
      checked: s.prior('notAboutMeReasons', isStringList),
    });
    s.set('notAboutMeReasons', notAboutMeReasons);
  }

  // 6. State
  const ticked = await asker.checkbox<string>({
    message: 'How are you right now? (tick all that fit)',
    choices: STATES.map((st) => ({ value: st, name: STATE_LABELS[st] })),
    checked: s.prior('state', isStringList),
  });
  const state = ticked.includes('fine') && ticked.length > 1 ? ticked.filter((st) => st !== 'fine') : ticked;
  s.set('state', state);

  // 7. Next step, prediction, follow-up, tags
  const nextStep = await asker.text({
    message: 'One next step that gets you real evidence (apply, ask, try; rest counts too)',
    default: s.prior('nextStep', isString),
    onChange: s.typing('nextStep'),
  });
  s.set('nextStep', nextStep.trim());

  const priorPrediction = s.prior('prediction', isObjectDraft);
  const predict = await asker.confirm({
    message: 'Make a prediction about yourself, to check later?',
    default: priorPrediction !== undefined ? true : s.prior('wantsPrediction', isBool) ?? false,
  });
  s.set('wantsPrediction', predict);
  let prediction: Record<string, unknown> | null = null;
  if (predict) {
    prediction = {};
    prediction.statement = (
      await asker.text({
        message: 'Your prediction (e.g. "I will get an interview by March")',
        default: str(priorPrediction?.statement),
        validate: (v) => (v.trim() === '' ? 'Write what you expect to happen, or press Ctrl+C to stop.' : null),
        onChange: s.typing('prediction.statement'),
      })
    ).trim();
    s.set('prediction', { ...prediction });
    prediction.probability = await asker.number({ message: 'How likely is it, honestly? (0-100)', min: 0, max: 100, default: num(priorPrediction?.probability) });
    s.set('prediction', { ...prediction });
    const checkText = await asker.text({
      message: 'When can you tell whether it came true? (e.g. 2027-03-01, "in 8 weeks")',
      default: str(priorPrediction?.checkOn),
      editable: false,
      validate: (v) => {
        const day = parseFutureDay(v, parseDay, now);
        return day && day >= today ? null : 'Write a date from today on, like 2027-03-01 or "in 8 weeks".';
      },
    });
    prediction.checkOn = parseFutureDay(checkText, parseDay, now);
    s.set('prediction', { ...prediction });
  }

  const defaultFollowUp = addDays(today, DEFAULT_FOLLOW_UP_DAYS);
  const followText = await asker.text({
    message: 'When should noisy check back with you on this? (a date, or "none")',
    default: s.prior('followUpOn', isString) ?? defaultFollowUp,
    editable: false,
    validate: (v) => {
      if (/^(none|no|never)$/i.test(v.trim())) return null;
      const day = parseFutureDay(v, parseDay, now);
      return day && day >= today ? null : 'Write a date from today on (e.g. "in 6 weeks"), or "none".';
    },
  });
  const followUpOn = /^(none|no|never)$/i.test(followText.trim()) ? null : parseFutureDay(followText, parseDay, now);
  s.set('followUpOn', followUpOn);

  const tagText = await asker.text({
    message: 'Tags, to find this later (space- or comma-separated, optional)',
    default: s.prior('tags', isStringList)?.join(' '),
    validate: (v) => {
      const bad = splitTags(v).filter((t) => normaliseTag(t) === null);
      return bad.length ? `Tags are single words of letters, digits, - or _ ("${bad[0]}" isn't).` : null;
    },
  });
  const tags = splitTags(tagText);
  s.set('tags', tags);

  return {
    kind,
    title: title.trim(),
    date,
    story,
    belief,
    evaluation,
    confounders,
    otherConfounders: otherConfounders.trim(),
    aboutMe,
    notAboutMeReasons,
    state,
    nextStep: nextStep.trim(),
    prediction,
    followUpOn,
    tags,
    ...extras,
  };
}

function splitTags(text: string): string[] {
  return text.split(/[\s,]+/).filter((t) => t !== '');
}

function num(v: unknown): number | undefined {
  return isNumber(v) ? v : undefined;
}

function str(v: unknown): string | undefined {
  return isString(v) ? v : undefined;
}
