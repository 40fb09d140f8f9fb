// Guards against Ctrl+C at any question leaving a half-saved entry, or throwing away what was typed.
import { existsSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { InterruptedError } from '../../src/errors.js';
import type { Asker, CheckboxQuestion, ConfirmQuestion, NumberQuestion, SelectQuestion, TextQuestion } from '../../src/ui/asker.js';
import { answers } from '../helpers/answers.js';
import { journal } from '../helpers/cli.js';
import { readJournal } from '../helpers/faults.js';

const TYPED = 'half a thought, typed before Ctrl+C';

interface Asked {
  type: 'text' | 'number' | 'select' | 'checkbox' | 'confirm';
  message: string;
  /** A text question that keeps what is being typed (onChange). */
  tracksTyping: boolean;
}

/**
 * A prompter that answers every question with something valid (its default, or a value that passes
 * its validation) and presses Ctrl+C at question `interruptAt`, after typing TYPED into a text question.
 * Answering by question type rather than from a fixed script keeps this test valid as questions change.
 */
function answeringAsker(interruptAt: number, options: { confirm?: boolean; typed?: string } = {}): Asker & { asked: Asked[] } {
  const asked: Asked[] = [];
  const step = (entry: Asked, onChange?: (value: string) => void) => {
    asked.push(entry);
    if (asked.length - 1 === interruptAt) {
      onChange?.(options.typed ?? TYPED);
      throw new InterruptedError();
    }
  };
  return {
    asked,
    text: async (q: TextQuestion) => {
      step({ type: 'text', message: q.message, tracksTyping: q.onChange !== undefined }, q.onChange);
      const candidates = [q.default, 'Something to say', '2027-03-01'].filter((c): c is string => c !== undefined && c !== '');
      const value = candidates.find((c) => !q.validate?.(c)) ?? '';
      q.onChange?.(value);
      return value;
    },
    number: (async (q: NumberQuestion) => {
      step({ type: 'number', message: q.message, tracksTyping: false });
      return q.default ?? (q.optional ? null : q.min);
    }) as Asker['number'],
    select: async <T extends string>(q: SelectQuestion<T>) => {
      step({ type: 'select', message: q.message, tracksTyping: false });
      return q.default ?? (q.choices[0]?.value as T);
    },
    checkbox: async <T extends string>(q: CheckboxQuestion<T>) => {
      step({ type: 'checkbox', message: q.message, tracksTyping: false });
      return [...(q.checked ?? [])];
    },
    confirm: async (q: ConfirmQuestion) => {
      step({ type: 'confirm', message: q.message, tracksTyping: false });
      // Yes by default: walks into the optional questions too (the prediction), so they are interrupted as well.
      return options.confirm ?? true;
    },
  };
}

async function runWith(argv: string[], db: string, asker: Asker) {
  let stderr = '';
  const code = await run(argv, {
    stdout: { write: () => undefined, isTTY: true },
    stderr: { write: (t) => void (stderr += t), isTTY: true },
    stdin: Object.assign(Readable.from([]), { isTTY: true }),
    env: { NOISY_DB: db, NO_COLOR: '1' },
    now: () => new Date('2026-12-01T10:00:00'),
    asker,
  });
  return { code, stderr };
}

interface InterruptibleFlow {
  name: string;
  argv: string[];
  /** Runs before the flow, e.g. to create the entry a follow-up is about. */
  prepare?: (cli: ReturnType<typeof journal>['cli']) => Promise<void>;
  /** Rows the flow would save when it completes (entries, follow-ups...). */
  savedRows: (db: string) => number;
  /** The flow's draft name, or its start (follow-up drafts are named per entry). */
  draftName: string;
  /** How many first questions only pick the kind of flow (nothing of the person's own yet). */
  trivialQuestions: number;
}

// Every interactive flow of noisy: each is interrupted at each of its questions in turn.
const FLOWS: InterruptibleFlow[] = [
  {
    name: 'reflect',
    argv: ['reflect'],
    savedRows: (db) => (existsSync(db) ? readJournal(db).ids.size : 0),
    draftName: 'reflect',
    // A setback or good news, and the kind of evaluation.
    trivialQuestions: 2,
  },
  {
    name: 'followup',
    argv: ['followup'],
    // An entry with a prediction whose follow-up is due, so every follow-up question is asked.
    prepare: async (cli) => {
      const saved = await cli(['reflect', '--answers', '-'], {
        stdin: JSON.stringify(
          answers({
            date: '2026-10-01',
            followUpOn: '2026-11-01',
            prediction: { statement: 'I get an interview by November', probability: 20, checkOn: '2026-11-15' },
          }),
        ),
      });
      if (saved.code !== 0) throw new Error(saved.stderr);
    },
    savedRows: (db) => (existsSync(db) ? readJournal(db).followUps : 0),
    draftName: 'followup:',
    trivialQuestions: 1,
  },
];

describe.each(FLOWS)('Ctrl+C at each question of `noisy $name`', (flow) => {
  it('exits 130, saves nothing, and keeps a draft whenever something was answered or typed', async () => {
    // One uninterrupted run first, to learn the questions (and prove the flow can complete).
    const complete = journal();
    await flow.prepare?.(complete.cli);
    const before = flow.savedRows(complete.db);
    const full = answeringAsker(Number.POSITIVE_INFINITY);
    const done = await runWith(flow.argv, complete.db, full);
    expect(done.code, done.stderr).toBe(0);
    expect(flow.savedRows(complete.db)).toBe(before + 1);
    const questions = full.asked;
    expect(questions.length).toBeGreaterThan(3);

    for (let k = 0; k < questions.length; k++) {
      const question = questions[k] as Asked;
      const j = journal();
      await flow.prepare?.(j.cli);
      const rowsBefore = flow.savedRows(j.db);
      const asker = answeringAsker(k);
      const result = await runWith(flow.argv, j.db, asker);
      const where = `interrupted at question ${k} (${question.type}: ${question.message})`;

      if (question.message.startsWith('Show the details?')) {
        // Asked after the entry is saved: Ctrl+C there only skips the details.
        expect(result.code, where).toBe(0);
        expect(flow.savedRows(j.db), where).toBe(rowsBefore + 1);
        continue;
      }
      expect(result.code, where).toBe(130);
      expect(asker.asked.map((q) => q.message), where).toEqual(questions.slice(0, k + 1).map((q) => q.message));
      expect(flow.savedRows(j.db), where).toBe(rowsBefore);

      // The first questions answered only pick the kind of flow: nothing of the person's own yet.
      const somethingGiven = k > flow.trivialQuestions || (k === flow.trivialQuestions && question.tracksTyping);
      const drafts = existsSync(j.db) ? readJournal(j.db).drafts.filter((d) => d.name.startsWith(flow.draftName)) : [];
      if (somethingGiven) {
        expect(drafts, where).toHaveLength(1);
        if (question.tracksTyping) expect(drafts[0]?.data, where).toContain(TYPED);
        expect(result.stderr, where).toMatch(/draft/);
      } else {
        expect(drafts, where).toEqual([]);
        expect(result.stderr, where).toMatch(/Nothing was saved/);
      }
    }
  }, 60_000);
});

describe('Ctrl+C with an unfinished reflection waiting', () => {
  async function journalWithDraft() {
    const j = journal();
    const first = await runWith(['reflect'], j.db, answeringAsker(4));
    expect(first.code).toBe(130);
    const drafts = readJournal(j.db).drafts;
    expect(drafts).toHaveLength(1);
    return { ...j, draft: drafts[0]?.data };
  }

  it('keeps the old draft when Ctrl+C comes at "pick up where you left off?"', async () => {
    const j = await journalWithDraft();
    const asker = answeringAsker(0);
    const result = await runWith(['reflect'], j.db, asker);
    expect(result.code).toBe(130);
    expect(asker.asked[0]?.message).toMatch(/unfinished reflection/);
    expect(readJournal(j.db).drafts.map((d) => d.data)).toEqual([j.draft]);
  });

  it('keeps the old draft when the person starts fresh and stops before giving a new answer', async () => {
    const j = await journalWithDraft();
    // "Pick up where you left off?" no, a setback, the kind chosen, then Ctrl+C at the title with nothing typed.
    const asker = answeringAsker(3, { confirm: false, typed: '  ' });
    const result = await runWith(['reflect'], j.db, asker);
    expect(asker.asked.map((q) => q.type)).toEqual(['confirm', 'select', 'select', 'text']);
    expect(result.code).toBe(130);
    expect(readJournal(j.db).drafts.map((d) => d.data)).toEqual([j.draft]);
    expect(readJournal(j.db).ids.size).toBe(0);
  });
});
