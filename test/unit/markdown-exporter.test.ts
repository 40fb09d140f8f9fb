import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { describe, expect, it } from 'vitest';
import { showInvisible } from '../../src/core/characters.js';
import type { Entry } from '../../src/core/entry.js';
import { entryFileName, escapeInline, headingText, longDay, renderBeliefsMarkdown, renderEntryFile, renderEntryMarkdown, renderMarkdown, yamlString } from '../../src/exporters/markdown.js';
import { beliefPicture, evidenceItemOfEntry } from '../../src/core/belief-picture.js';
import { displayWidth } from '../../src/ui/width.js';
import { makeEntry, packs } from '../helpers/entries.js';

/** Text people might write that Markdown would otherwise turn into structure. */
const HOSTILE = [
  '# not a heading',
  '## also not ##',
  'Title ending in hashes ###',
  '#hashtag at the start',
  '---',
  '***',
  '___',
  '===',
  '- a list item',
  '+ another',
  '* and another',
  '1. numbered',
  '2) numbered too',
  '1986. A good year',
  '> a quote',
  '```js\nconst fence = true;\n```',
  '~~~\ntilde fence\n~~~',
  '    indented like code',
  '\tindented with a tab',
  '  leading spaces',
  '<div>raw html</div>',
  '<script>alert("x")</script>',
  '<!-- a comment -->',
  '<br>',
  '&amp; &copy; &#35; &nbsp;',
  '[a link](https://example.com)',
  '![an image](x.png)',
  '[ref]: https://example.com "title"',
  '<https://auto.link>',
  '`inline code` and ``double``',
  '*emphasis* _emphasis_ **strong** __strong__',
  'back\\slash and a trailing backslash\\',
  '\\# already escaped \\*',
  'a | b\n--|--\n1 | 2',
  '|table|row|',
  '~~strike~~',
  '- [ ] a task',
  'first line\r\nsecond line\r\n\r\nnew paragraph',
  'old mac line\rnext',
  'Setext heading\n===',
  'Setext two\n---',
  'a\n\n\n\nb',
  'emoji 😀🎉 and a family 👩‍👩‍👧',
  'RTL: שלום עולם and مرحبا بالعالم',
  'a right-to-left mark\u200F, a zero\u200Bwidth space and a zero\uFEFFwidth no-break space',
  'www.example.com and https://example.com',
  'yes',
  'null',
  'key: value # comment',
  '{"json": true}',
  '---\ntitle: fake front matter\n---',
  'a url https://example.com/a/very/long/path/that/must/never/be/broken/across/two/lines/whatever/happens/to/it',
  'Averyveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryverylongword and then more',
  '全角の文字で書かれたとても長い文章はどこで折り返されるべきでしょうか、幅で数えます。全角の文字で書かれた長い文章です。',
  'R&D, snake_case, a ~ b, 3 < 4 and 5 > 2',
];

// Only what the exporter itself writes may appear; anything else came out of someone's text.
const ALLOWED = new Set([
  'heading_open',
  'heading_close',
  'paragraph_open',
  'paragraph_close',
  'inline',
  'bullet_list_open',
  'bullet_list_close',
  'list_item_open',
  'list_item_close',
  'strong_open',
  'strong_close',
  'em_open',
  'em_close',
  'text',
  'softbreak',
  'hardbreak',
]);

const parsers = {
  commonmark: new MarkdownIt('commonmark'),
  'default with html, tables, strikethrough and linkify': new MarkdownIt('default', { html: true, linkify: true }),
};

function hostileEntries(): Entry[] {
  return HOSTILE.map((text, i) => {
    const month = String((i % 12) + 1).padStart(2, '0');
    const day = String((i % 27) + 1).padStart(2, '0');
    const date = `2025-${month}-${day}`;
    const entry = makeEntry(
      {
        title: text.trim() === '' ? 'blank' : text,
        date,
        story: text,
        belief: { statement: text, before: 70, after: 10 },
        evaluation: { method: 'unstructured-interview', minutesSeen: 45, selectionRate: 10, whatTheySaw: text },
        otherConfounders: text,
        nextStep: text,
        prediction: { statement: text, probability: 30, checkOn: '2026-06-01' },
        organisation: text,
        tags: ['test'],
      },
      { followUps: [{ answeredAt: '2026-01-05T09:30:00.000Z', beliefNow: 40, tookNextStep: true, whatHappened: text, predictionCameTrue: null }] },
    );
    // An edit whose old and new values are the hostile text too.
    return { ...entry, revisions: [{ revisedAt: '2026-01-06T09:30:00.000Z', changed: ['nextStep'], previous: { ...entry, nextStep: `${text} (before)` } }] };
  }).sort((a, b) => a.date.localeCompare(b.date));
}

function flatten(tokens: Token[]): Token[] {
  return tokens.flatMap((t) => [t, ...flatten(t.children ?? [])]);
}

/** What a reader sees of an inline token: its text, with line breaks as \n. */
function plain(token: Token): string {
  return (token.children ?? []).map((c) => (c.type === 'text' ? c.content : c.type.endsWith('break') ? '\n' : '')).join('');
}

function headings(tokens: Token[], tag: string): string[] {
  const out: string[] = [];
  tokens.forEach((t, i) => {
    if (t.type === 'heading_open' && t.tag === tag) out.push(plain(tokens[i + 1] as Token));
  });
  return out;
}

/** Text as a reader sees it, whatever the wrapping: invisible characters shown, every run of whitespace one space. */
function words(text: string): string {
  return showInvisible(text.replace(/\r\n|\r|\n/g, ' ')).replace(/\s+/g, ' ').trim();
}

/** A title as its heading reads: one line, invisible characters shown. */
function headingOf(title: string): string {
  return showInvisible(title.replace(/\s+/g, ' ').trim());
}

describe('Markdown export of hostile text', () => {
  const entries = hostileEntries();
  const markdown = [...renderMarkdown(entries, { packs })].join('');

  for (const [name, md] of Object.entries(parsers)) {
    it(`keeps its structure under a ${name} parser`, () => {
      const tokens = md.parse(markdown, {});
      // linkify turns a bare URL into a link to itself: the reader still sees the same text.
      const unexpected = flatten(tokens).filter((t) => !ALLOWED.has(t.type) && t.markup !== 'linkify');
      expect(unexpected.map((t) => `${t.type}: ${t.content}`)).toEqual([]);

      expect(headings(tokens, 'h1')).toEqual(['noisy journal']);
      const months = new Set(entries.map((e) => e.date.slice(0, 7)));
      expect(headings(tokens, 'h2')).toHaveLength(months.size);
      expect(headings(tokens, 'h3')).toEqual(entries.map((e) => `${longDay(e.date)} — ${headingOf(e.title)}`));
      // Each entry is its heading, then paragraphs and one list (its follow-up and its edit).
      expect(flatten(tokens).filter((t) => t.type === 'bullet_list_open')).toHaveLength(entries.length);
      expect(flatten(tokens).filter((t) => t.type === 'list_item_open')).toHaveLength(2 * entries.length);
    });
  }

  it('shows everything people wrote, word for word', () => {
    const text = words(
      flatten(parsers.commonmark.parse(markdown, {}))
        .filter((t) => t.type === 'inline')
        .map(plain)
        .join('\n'),
    );
    for (const hostile of HOSTILE) expect(text).toContain(words(hostile));
  });

  it('keeps every line within 80 columns, but for a word longer than a line', () => {
    for (const line of markdown.split('\n')) {
      if (line.startsWith('#')) continue;
      if (displayWidth(line) <= 80) continue;
      // Over 80 only when the line holds one word that cannot be broken (after a list item's indent).
      expect(line.trim().replace(/^- /, '').split(' ').filter((w) => w !== '').length, line).toBe(1);
    }
  });

  it('never breaks a link or a word across lines', () => {
    const url = 'https://example.com/a/very/long/path/that/must/never/be/broken/across/two/lines/whatever/happens/to/it';
    expect(markdown.split('\n').some((line) => line.includes(url))).toBe(true);
  });
})

describe('the Beliefs section with hostile statements', () => {
  // Each belief under its statement as a heading; one hostile entry about each, so the section has
  // its sentences too.
  const entries = hostileEntries();
  const pictures = entries.map((entry, i) =>
    beliefPicture({ id: `b-${String(100_000 + i)}`, statement: HOSTILE[i % HOSTILE.length]!, bar: null, sharedErrorCorrelation: null, createdAt: entry.createdAt }, [evidenceItemOfEntry(entry)], '2026-12-03'),
  );
  const markdown = ['# noisy journal\n', ...renderBeliefsMarkdown(pictures, '2026-12-03')].join('');

  for (const [name, md] of Object.entries(parsers)) {
    it(`keeps its structure under a ${name} parser`, () => {
      const tokens = md.parse(markdown, {});
      const unexpected = flatten(tokens).filter((t) => !ALLOWED.has(t.type) && t.markup !== 'linkify');
      expect(unexpected.map((t) => `${t.type}: ${t.content}`)).toEqual([]);
      expect(headings(tokens, 'h2')).toEqual(['Beliefs']);
      expect(headings(tokens, 'h3')).toEqual(pictures.map((p) => `"${headingOf(p.statement)}"`));
    });
  }
});

describe('escaping only what would change the rendering', () => {
  it('leaves plain prose, ampersands, inner underscores, single tildes and comparisons as they are', () => {
    expect(escapeInline('R&D, snake_case, a ~ b, 3 < 4 and 5 > 2')).toBe('R&D, snake_case, a ~ b, 3 < 4 and 5 > 2');
    expect(escapeInline('plain words, one comma')).toBe('plain words, one comma');
  });

  it('escapes emphasis, code, links, tags, entities, strikethrough and tables', () => {
    expect(escapeInline('*a* _b_ `c` [d](e) <div> &amp; ~~f~~ g|h \\')).toBe('\\*a\\* \\_b\\_ \\`c\\` \\[d](e) \\<div> \\&amp; \\~\\~f\\~\\~ g\\|h \\\\');
  });

  it('shows what a terminal must not see, and keeps it from becoming a tag', () => {
    expect(escapeInline('a\u202eb')).toBe('a\\<U+202E>b');
  });

  it('headings escape every #, so a title can neither open nor close one', () => {
    expect(headingText('C# ###')).toBe('C\\# \\#\\#\\#');
    expect(headingText('two\r\nlines')).toBe('two lines');
  });
});

/** The example of the README: a rejection with a story, a follow-up and a prediction that came true. */
function fellowship(): Entry {
  return makeEntry(
    {
      title: 'Fellowship rejection',
      date: '2026-11-20',
      story: 'Got the standard email this morning. No interview, no feedback.\nI spent two weekends on the research proposal.',
      belief: { statement: 'I can do well as a research engineer', before: 60, after: 15 },
      evaluation: { method: 'cv-screen', minutesSeen: 10, whatTheySaw: 'CV and a one-page proposal', selectionRate: 5 },
      confounders: ['little-information', 'off-paper-skills', 'not-about-you'],
      otherConfounders: 'They had twice as many applicants as last year.',
      aboutMe: 80,
      notAboutMeReasons: ['strong-batch'],
      state: ['tired', 'low-mood'],
      nextStep: 'apply to two more programs this month',
      prediction: { statement: 'I will get at least one interview by March', probability: 20, checkOn: '2027-03-01' },
      tags: ['fellowship'],
    },
    {
      id: '7kq3m9x2ab',
      followUps: [{ answeredAt: '2027-01-05T09:30:00.000Z', beliefNow: 45, tookNextStep: true, whatHappened: 'Two more applications sent; one interview booked.', predictionCameTrue: true }],
    },
  );
}

/** The page of fellowship(), as the README and docs/export.md show it. */
const FELLOWSHIP_PAGE = `### 20 November 2026 — Fellowship rejection

*Application · a setback · tags: fellowship · id 7kq3m9x2ab*

**What happened.** Got the standard email this morning. No interview, no
feedback.\\
I spent two weekends on the research proposal.

**What you thought then.** You put "I can do well as a research engineer" at 60%
before and 15% after, and 80% of the outcome down to your ability. You were
tired and in a low mood. You thought these played a part: "They saw very little
of me"; "What matters most doesn't show on paper"; "It may not have been about
me at all". Also: They had twice as many applicants as last year. Reasons
outside you: "An unusually strong batch this round". Your next step: apply to
two more programs this month. You gave "I will get at least one interview by
March" a 20% chance, to check on 1 March 2027.

**What the evidence could carry.** They saw about 10 minutes of you, through a
CV screen: CV and a one-page proposal. A CV screen (about 5% taken) tracks
ability only loosely, and when few are chosen, strong people get turned down
too. A calibrated person would have gone from 60% to between 58% and 60%. Your
drop was between tens of times and a hundred times or more the size this
evidence supported.

**What happened next.**
- 5 January 2027: you were at 45% and had taken your next step; the prediction
  came true. Two more applications sent; one interview booked.

**What you learned.** At the follow-up you were at 45%: closer to where the
evidence pointed (58–60%) than the 15% of that day. Your prediction came true,
though you had given it 20%: things went better than you expected.
`;

describe('an entry as a diary page', () => {
  it('reads as a journal: what happened, what you thought, what the evidence could carry, what came next, what you learned', () => {
    const page = renderEntryMarkdown(fellowship(), packs.application, 3, packs);
    expect(page).toBe(FELLOWSHIP_PAGE);
    const lines = page.trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(32);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(80);
    for (const part of ['**What happened.**', '**What you thought then.**', '**What the evidence could carry.**', '**What happened next.**', '**What you learned.**']) {
      expect(page).toContain(part);
    }
    const prose = page.replace(/\s+/g, ' ');
    expect(prose).toContain('A calibrated person would have gone from 60% to between');
    expect(prose).toContain('came true, though you had given it 20%');
  });

  it('says nothing in log-odds, likelihood ratios or figure ids', () => {
    const page = renderEntryMarkdown(fellowship(), packs.application, 3, packs);
    expect(page).not.toMatch(/log-odds|likelihood|r ≈|validity\.|model\.|discount\.|rate\./);
  });

  it('words good news as good news', () => {
    const entry = { ...fellowship(), outcome: 'accepted' as const, belief: { statement: 'I can do well as a research engineer', before: 40, after: 70 }, followUps: [] };
    const page = renderEntryMarkdown(entry, packs.application, 3, packs);
    expect(page).toContain('Application · good news');
    expect(page).toMatch(/Your rise was|Your move was|You moved/);
    expect(page).not.toContain('turned down');
  });

  it('a verdict on yourself has no evaluator and nothing they saw', () => {
    const entry = makeEntry({ kind: 'self-assessment', evaluation: { method: 'self-assessment', minutesSeen: null, selectionRate: 50, whatTheySaw: 'one failed proof' }, confounders: [] });
    const page = renderEntryMarkdown(entry, packs['self-assessment'], 3, packs).replace(/\s+/g, ' ');
    expect(page).toContain('It was your own verdict on yourself, based on one failed proof.');
    expect(page).not.toMatch(/They saw|They judged/);
  });

  it('says what is still open when nothing has happened since', () => {
    const entry = makeEntry({ followUpOn: '2027-01-02' });
    const page = renderEntryMarkdown(entry, packs.application, 3, packs);
    expect(page.replace(/\s+/g, ' ')).toContain('**What happened next.** Nothing recorded yet; a follow-up was planned for 2 January 2027.');
    expect(page).not.toContain('What you learned');
    // A typical entry: about 25 lines.
    expect(page.trimEnd().split('\n').length).toBeLessThanOrEqual(25);
  });

  it('lists edits with what changed', () => {
    const entry = fellowship();
    const edited = { ...entry, revisions: [{ revisedAt: '2027-01-06T10:00:00.000Z', changed: ['title'], previous: { ...entry, title: 'Rejected' } }] };
    expect(renderEntryMarkdown(edited, packs.application, 3, packs).replace(/\s+/g, ' ')).toMatch(/- \d+ January 2027: you changed "Title" from Rejected to Fellowship rejection\./);
  });
});

describe('renderMarkdown', () => {
  it('groups entries by month, oldest first', () => {
    const entries = [makeEntry({ title: 'Fellowship rejection', date: '2026-10-03' }), makeEntry({ title: 'Work trial', date: '2026-11-20', kind: 'job-performance', evaluation: { method: 'work-trial', minutesSeen: 2400 }, confounders: [] })];
    const tokens = parsers.commonmark.parse([...renderMarkdown(entries, { packs })].join(''), {});
    expect(headings(tokens, 'h2')).toEqual(['October 2026', 'November 2026']);
    expect(headings(tokens, 'h3')).toEqual(['3 October 2026 — Fellowship rejection', '20 November 2026 — Work trial']);
  });

  it('says so when there is nothing to export', () => {
    expect([...renderMarkdown([], { packs })].join('')).toContain('No entries to show.');
  });

  it('pulls entries one at a time rather than all at once', () => {
    let pulled = 0;
    const source = function* () {
      for (let i = 0; i < 1000; i += 1) {
        pulled += 1;
        yield makeEntry({ date: '2026-01-01' });
      }
    };
    const chunks = renderMarkdown(source(), { packs });
    chunks.next(); // the document heading
    chunks.next(); // the month heading
    chunks.next(); // the first entry
    expect(pulled).toBe(1);
  });
});

describe('rendering many entries', () => {
  it('gives each entry the same text whatever was rendered before it, in the document and alone', () => {
    const kinds = Object.keys(packs) as Entry['kind'][];
    const entries = kinds.flatMap((kind, i) => [
      makeEntry({ kind, confounders: [], title: `${kind} ${HOSTILE[i] ?? ''}`, story: HOSTILE[i + 3] ?? '', evaluation: { method: packs[kind].defaultMethod } }, { id: `abcd2${'23456789'[i] ?? 'x'}5a` }),
      makeEntry({ kind, confounders: [], state: [], tags: [], evaluation: { method: packs[kind].methods.at(-1)!, minutesSeen: 5 } }, { id: `abcd2${'23456789'[i] ?? 'x'}5b` }),
    ]);
    const forwards = entries.map((entry) => renderEntryMarkdown(entry, packs[entry.kind], 3, packs));
    const backwards = [...entries].reverse().map((entry) => renderEntryMarkdown(entry, packs[entry.kind], 3, packs)).reverse();
    expect(backwards).toEqual(forwards);
    const document = [...renderMarkdown(entries, { packs })].join('');
    for (const text of forwards) expect(document).toContain(`\n${text}`);
    // At level 1 (--split files) only the heading marks differ.
    const levelOne = renderEntryMarkdown(entries[0] as Entry, packs[kinds[0] as Entry['kind']], 1, packs);
    expect(levelOne.replace(/^(#+) /gm, '##$1 ')).toBe(forwards[0]);
  });
});

describe('--split files', () => {
  it('have stable, ASCII, length-limited names', () => {
    const entry = makeEntry({ title: 'Fellowship rejection', date: '2026-11-20' }, { id: '7kq3m9x2ab' });
    expect(entryFileName(entry)).toBe('2026-11-20-fellowship-rejection-7kq3m9x2ab.md');
    expect(entryFileName(makeEntry({ title: 'Überraschung: Café Zürich!' }, { id: 'abcd2345' }))).toBe('2026-11-20-uberraschung-cafe-zurich-abcd2345.md');
    expect(entryFileName(makeEntry({ title: '😀 ### / \\ .. :' }, { id: 'abcd2345' }))).toBe('2026-11-20-entry-abcd2345.md');
    expect(entryFileName(makeEntry({ title: '../../etc/passwd' }, { id: 'abcd2345' }))).toBe('2026-11-20-etc-passwd-abcd2345.md');
    const long = entryFileName(makeEntry({ title: 'word '.repeat(40) }, { id: 'abcd2345' }));
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long).toMatch(/^2026-11-20-(word-)*word-abcd2345\.md$/);
  });

  it('carry front matter whose strings stay strings, then the entry under one top heading', () => {
    for (const text of HOSTILE) {
      const entry = makeEntry({ title: text, belief: { statement: text, before: 60, after: 15 }, tags: ['yes', 'null'] });
      const file = renderEntryFile(entry, packs.application);
      const [open, ...rest] = file.split('\n');
      expect(open).toBe('---');
      const end = rest.indexOf('---');
      // A long list goes on over indented lines (YAML flow style): one line per key here.
      const keyed = rest.slice(0, end).join('\n').replace(/\n {2}/g, ' ').split('\n');
      const front = Object.fromEntries(
        keyed.map((line) => {
          const match = /^([a-z_]+): (.*)$/.exec(line);
          expect(match, line).not.toBeNull();
          // Every value is JSON, which YAML 1.2 reads the same way; strings are double-quoted.
          return [match?.[1], JSON.parse(match?.[2] ?? '') as unknown];
        }),
      );
      expect(front).toMatchObject({
        id: entry.id,
        date: entry.date,
        kind: 'application',
        title: entry.title,
        tags: ['yes', 'null'],
        belief: entry.belief.statement,
        belief_before: 60,
        belief_after: 15,
        outcome: 'rejected',
        created: entry.createdAt,
      });
      // The model's figures live here, out of the page.
      expect(typeof front.warranted_belief).toBe('number');
      expect(front.warranted_range).toHaveLength(2);
      expect(typeof front.likelihood_ratio).toBe('number');
      expect(typeof front.log_odds_move).toBe('number');
      expect(front.assumptions).toContain('model.bar');
      for (const line of rest.slice(0, end)) if (!line.startsWith('title:') && !line.startsWith('belief:')) expect(line.length, line).toBeLessThanOrEqual(80);

      const body = rest.slice(end + 1).join('\n');
      const tokens = parsers.commonmark.parse(body, {});
      expect(flatten(tokens).filter((t) => !ALLOWED.has(t.type)).map((t) => t.type)).toEqual([]);
      expect(headings(tokens, 'h1')).toEqual([`${longDay(entry.date)} — ${headingOf(entry.title)}`]);
    }
  });

  it('quote YAML strings, escaping the characters YAML reads as line breaks', () => {
    expect(yamlString('yes')).toBe('"yes"');
    expect(yamlString('a: b # c')).toBe('"a: b # c"');
    expect(yamlString('say "hi"\n')).toBe('"say \\"hi\\"\\n"');
    expect(yamlString('a\u2028b\u0085c')).toBe('"a\\u2028b\\u0085c"');
  });

  it('escape every character a terminal must not see raw, and read back as exactly the text', () => {
    const text = 'osc \u001b]52;c;eA==\u0007 csi \u009b2J bidi \u202e\u2066 zw \u200b\ufeff tag \u{e0041} del \u007f';
    const quoted = yamlString(text);
    expect(quoted).toMatch(/^"[\x20-\x7e]*"$/);
    expect(JSON.parse(quoted)).toBe(text);
  });
});
