import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { describe, expect, it } from 'vitest';
import { showInvisible } from '../../src/core/characters.js';
import type { Entry } from '../../src/core/entry.js';
import { entryFileName, markdownHeadingText, renderEntryFile, renderEntryMarkdown, renderMarkdown, yamlString } from '../../src/exporters/markdown.js';
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
    return makeEntry(
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

/** Lines as they should read back: trimmed, CR/LF normalised, blank lines dropped, invisible characters shown. */
function expectedLines(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((l) => showInvisible(l.trim()))
    .filter((l) => l !== '');
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
      expect(headings(tokens, 'h3')).toEqual(entries.map((e) => `${e.date} — ${headingOf(e.title)}`));
    });
  }

  it('shows every line of what people wrote, exactly as written', () => {
    const text = flatten(parsers.commonmark.parse(markdown, {}))
      .filter((t) => t.type === 'inline')
      .map(plain)
      .join('\n');
    for (const hostile of HOSTILE) {
      for (const line of expectedLines(hostile)) expect(text).toContain(line);
    }
  });
});

describe('renderMarkdown', () => {
  it('groups entries by month, oldest first, each with its answers, summary, figures and follow-ups', () => {
    const entries = [
      makeEntry({ title: 'Fellowship rejection', date: '2026-10-03' }),
      makeEntry({ title: 'Work trial', date: '2026-11-20', kind: 'job-performance', evaluation: { method: 'work-trial', minutesSeen: 2400 }, confounders: [] }, {
        followUps: [{ answeredAt: '2027-01-05T09:30:00.000Z', beliefNow: 45, tookNextStep: true, whatHappened: 'Got an interview elsewhere.', predictionCameTrue: true }],
      }),
    ];
    const md = [...renderMarkdown(entries, { packs })].join('');
    const tokens = parsers.commonmark.parse(md, {});
    expect(headings(tokens, 'h2')).toEqual(['October 2026', 'November 2026']);
    expect(headings(tokens, 'h3')).toEqual(['2026-10-03 — Fellowship rejection', '2026-11-20 — Work trial']);
    expect(headings(tokens, 'h4')).toContain('How far should this move you?');
    expect(headings(tokens, 'h4')).toContain('Looking back');
    expect(md).toContain('**Warranted belief:** about');
    expect(md).toContain('**Your move against the warranted one:**');
    expect(md).toContain('**2027-01-05:** Belief now 45%, next step taken.');
    expect(md).toContain('Got an interview elsewhere.');
    // The fellowship entry has no follow-ups, so only one "Looking back" section.
    expect(headings(tokens, 'h4').filter((h) => h === 'Looking back')).toHaveLength(1);
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

describe('headings', () => {
  it('escapes every # so a title can neither open nor close a heading', () => {
    expect(markdownHeadingText('C# ###')).toBe('C\\# \\#\\#\\#');
    expect(markdownHeadingText('two\r\nlines')).toBe('two lines');
  });

  it('folds every run of whitespace into one space, and leaves plain words and single spaces alone', () => {
    expect(markdownHeadingText('plain words, one space')).toBe('plain words, one space');
    expect(markdownHeadingText('  two  spaces\tand a tab\u00a0and nbsp ')).toBe('two spaces and a tab and nbsp');
    expect(markdownHeadingText('\tlead')).toBe('lead');
  });
});

describe('rendering many entries', () => {
  it('gives each entry the same text whatever was rendered before it, in the document and alone', () => {
    const kinds = Object.keys(packs) as Entry['kind'][];
    const entries = kinds.flatMap((kind, i) => [
      makeEntry({ kind, confounders: [], title: `${kind} ${HOSTILE[i] ?? ''}`, story: HOSTILE[i + 3] ?? '', evaluation: { method: packs[kind].defaultMethod } }, { id: `abcd2${'23456789'[i] ?? 'x'}5a` }),
      makeEntry({ kind, confounders: [], state: [], tags: [], evaluation: { method: packs[kind].methods.at(-1)!, minutesSeen: 5 } }, { id: `abcd2${'23456789'[i] ?? 'x'}5b` }),
    ]);
    const forwards = entries.map((entry) => renderEntryMarkdown(entry, packs[entry.kind], 3));
    const backwards = [...entries].reverse().map((entry) => renderEntryMarkdown(entry, packs[entry.kind], 3)).reverse();
    expect(backwards).toEqual(forwards);
    const document = [...renderMarkdown(entries, { packs })].join('');
    for (const text of forwards) expect(document).toContain(`\n${text}`);
    // At level 1 (--split files) only the heading marks differ.
    const levelOne = renderEntryMarkdown(entries[0] as Entry, packs[kinds[0] as Entry['kind']], 1);
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
      const front = Object.fromEntries(
        rest.slice(0, end).map((line) => {
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
        created: entry.createdAt,
      });
      expect(typeof front.warranted_belief).toBe('number');

      const body = rest.slice(end + 1).join('\n');
      const tokens = parsers.commonmark.parse(body, {});
      expect(flatten(tokens).filter((t) => !ALLOWED.has(t.type)).map((t) => t.type)).toEqual([]);
      expect(headings(tokens, 'h1')).toEqual([`${entry.date} — ${headingOf(entry.title)}`]);
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
