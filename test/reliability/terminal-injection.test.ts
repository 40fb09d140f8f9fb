// Someone else's text must never take over the terminal: escape sequences in a JSON key (OSC 52
// sets the clipboard, CSI 2J clears the screen), C1 controls (U+009B is a CSI on some terminals)
// and bidi overrides (U+202E reverses the rest of a line, figures included) are shown escaped by
// every command, in text, JSON, Markdown and YAML, and refused in anything typed or imported.
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Entry } from '../../src/core/entry.js';
import { Store } from '../../src/storage/store.js';
import { answers } from '../helpers/answers.js';
import { journal } from '../helpers/cli.js';
import { makeEntry } from '../helpers/entries.js';
import { runBin } from '../helpers/faults.js';

const OSC52 = '\u001b]52;c;cm0gLXJmIH4=\u0007';
const CLEAR = '\u001b[2J\u001b[H';
const C1_CSI = '\u009b2J';
const RLO = '\u202e';

/**
 * The forbidden code points in what reached the terminal, written out from the code charts (not
 * with the implementation's own pattern): C0 but tab and line feed, DEL, C1, bidi controls,
 * zero-width and other invisible format characters.
 */
function forbiddenIn(text: string): string[] {
  const found: string[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    const bad =
      (code < 0x20 && code !== 0x09 && code !== 0x0a) ||
      (code >= 0x7f && code <= 0x9f) ||
      [0x061c, 0x200b, 0x200e, 0x200f, 0x2028, 0x2029, 0xfeff].includes(code) ||
      (code >= 0x202a && code <= 0x202e) ||
      (code >= 0x2066 && code <= 0x2069);
    if (bad) found.push(`U+${code.toString(16).toUpperCase().padStart(4, '0')}`);
  }
  return found;
}

function expectSafe(...outputs: string[]): void {
  for (const output of outputs) expect(forbiddenIn(output), output.slice(0, 500)).toEqual([]);
}

describe('a JSON key with terminal commands in it', () => {
  it('is named escaped by `noisy import`, which refuses the file and writes nothing', async () => {
    const { cli, dir, db } = journal();
    const file = join(dir, 'backup.json');
    const entry = { ...makeEntry({ title: 'Fine title' }, { id: 'abcd2345' }), [`${OSC52}${CLEAR}`]: 1 };
    writeFileSync(file, JSON.stringify({ format: 'noisy-export', version: 1, entries: [entry], [OSC52]: true }));
    const result = await cli(['import', file]);
    expect(result.code).toBe(2);
    expectSafe(result.stdout, result.stderr);
    expect(result.stderr).toContain('<U+001B>]52;c;cm0gLXJmIH4=<U+0007>: is not a field of a noisy export');
    expect(result.stderr).toContain('entries[0].<U+001B>]52;c;');
    // Quoted keys stay short however long the escapes make them.
    expect(result.stderr).toContain('entries[0].<U+001B>]52;c;cm0gLXJmIH4=<U+0007>...: is not an answers-file field');
    expect(existsSync(db)).toBe(false);
  });

  it('is named escaped by `noisy reflect --answers`, in a key and in the confounders', async () => {
    const { cli, dir, db } = journal();
    const file = join(dir, 'answers.json');
    writeFileSync(file, JSON.stringify({ ...answers({ confounders: [`${OSC52}${CLEAR}`, C1_CSI] }), [CLEAR]: 1 }));
    const result = await cli(['reflect', '--answers', file]);
    expect(result.code).toBe(2);
    expectSafe(result.stdout, result.stderr);
    expect(result.stderr).toContain('confounders[0]: "<U+001B>]52;c;cm0gLXJmIH4=<U+0007>..." is not one of');
    expect(result.stderr).toContain('confounders[1]: "<U+009B>2J" is not one of');
    expect(result.stderr).toContain('<U+001B>[2J<U+001B>[H: is not an answers-file field');
    expect(existsSync(db)).toBe(false);
  });

  it('is escaped on the way out of the real process too (built binary, OS pipes)', async () => {
    const { dir } = journal();
    const file = join(dir, 'answers.json');
    writeFileSync(file, JSON.stringify({ ...answers(), [OSC52]: 1 }));
    const result = await runBin(['reflect', '--answers', file], { env: { NOISY_DB: join(dir, 'journal.db') } });
    expect(result.code).toBe(2);
    expectSafe(result.stdout, result.stderr);
    expect(result.stderr).toContain('<U+001B>]52;c;');
  });
});

describe('free text with C1 or bidi controls', () => {
  it('is refused in an answers file, naming the field and the fix', async () => {
    const { cli, dir, db } = journal();
    const file = join(dir, 'answers.json');
    writeFileSync(file, JSON.stringify(answers({ title: `Offer ${RLO}%05 tuoba`, story: `csi ${C1_CSI}` })));
    const result = await cli(['reflect', '--answers', file]);
    expect(result.code).toBe(2);
    expectSafe(result.stderr);
    expect(result.stderr).toContain('title: contains a bidi control (<U+202E>) that reorders text; remove it');
    expect(result.stderr).toContain('story: contains a C1 control character (<U+009B>); remove it');
    expect(existsSync(db)).toBe(false);
  });

  it('is refused in an import and in follow-up answers', async () => {
    const { cli, dir } = journal();
    const backup = join(dir, 'backup.json');
    const entry = makeEntry({ title: 'Fine' }, { id: 'abcd2345' });
    writeFileSync(backup, JSON.stringify({ format: 'noisy-export', version: 1, entries: [{ ...entry, nextStep: `apply ${RLO}again` }] }));
    const imported = await cli(['import', backup]);
    expect(imported.code).toBe(2);
    expect(imported.stderr).toContain('entries[0].nextStep: contains a bidi control (<U+202E>) that reorders text; remove it');

    const saved = await cli(['reflect', '--answers', '-', '--json'], { stdin: JSON.stringify(answers()) });
    const id = (JSON.parse(saved.stdout) as { entry: Entry }).entry.id;
    const followUp = join(dir, 'followup.json');
    writeFileSync(followUp, JSON.stringify({ beliefNow: 40, tookNextStep: true, whatHappened: `news ${C1_CSI}` }));
    const result = await cli(['followup', id, '--answers', followUp]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('whatHappened: contains a C1 control character (<U+009B>); remove it');
  });
});

describe('hostile text already in a journal (written by an older noisy, or by hand)', () => {
  const title = `Rejected ${RLO}%09 yb ${C1_CSI}${OSC52}`;
  const story = `The email said ${CLEAR}nothing${RLO}.\nSecond line\u200b here.`;

  function hostileJournal() {
    const j = journal();
    const entry: Entry = { ...makeEntry({ title: 'placeholder', tags: ['test'] }, { id: 'abcd2345' }), title, story, nextStep: `try ${RLO}again` };
    const store = Store.open(j.db, { create: true });
    try {
      store.insertEntry(entry);
    } finally {
      store.close();
    }
    return j;
  }

  it.each([
    ['list', ['list']],
    ['show', ['show', 'abcd']],
    ['export (Markdown on stdout)', ['export']],
    ['export (JSON on stdout)', ['export', '--format', 'json']],
  ])('%s prints it escaped', async (_name, argv) => {
    const { cli } = hostileJournal();
    const result = await cli(argv);
    expect(result.code, result.stderr).toBe(0);
    expectSafe(result.stdout, result.stderr);
    expect(result.stdout).toMatch(/<U\+202E\\?>|\\u202e/);
  });

  it('list keeps every row inside its columns: the figures stay where they are', async () => {
    const { cli } = hostileJournal();
    const result = await cli(['list']);
    const [header = '', row = ''] = result.stdout.split('\n');
    // The title is cut to fit 80 columns, between escapes, never inside one.
    expect(row).toMatch(/^abcd2345\s+2026-11-20\s+application\s+Rejected <U\+202E>%09 yb …\s+60→20%\s+\d+%$/);
    // Laid out as shown: the escapes are measured, so the figures sit under their heading.
    expect(row.indexOf('60→20%')).toBe(header.indexOf('moved'));
  });

  it.each([['list'], ['show', 'abcd2345']])('%s --json keeps the text exact, as \\u escapes', async (...argv) => {
    const { cli } = hostileJournal();
    const result = await cli([...argv, '--json']);
    expect(result.code).toBe(0);
    expectSafe(result.stdout);
    expect(result.stdout).toContain('\\u202e%09 yb \\u009b2J\\u001b]52;c;');
    expect(result.stdout).toContain(JSON.stringify(story).slice(1, 16));
    const document = JSON.parse(result.stdout) as { entries?: Entry[]; entry?: Entry };
    expect((document.entries?.[0] ?? document.entry)?.title).toBe(title);
  });

  it('export files keep it escaped: Markdown, JSON, and --split front matter', async () => {
    const { cli, dir } = hostileJournal();
    expect((await cli(['export', '-o', join(dir, 'out.md')])).code).toBe(0);
    expect((await cli(['export', '--format', 'json', '-o', join(dir, 'out.json')])).code).toBe(0);
    expect((await cli(['export', '--split', join(dir, 'split')])).code).toBe(0);
    const markdown = readFileSync(join(dir, 'out.md'), 'utf8');
    const json = readFileSync(join(dir, 'out.json'), 'utf8');
    const [name] = readdirSync(join(dir, 'split'));
    const split = readFileSync(join(dir, 'split', name as string), 'utf8');
    expectSafe(markdown, json, split);
    expect(markdown).toContain('Rejected \\<U+202E>%09 yb \\<U+009B>2J\\<U+001B>]52;c;');
    expect(split).toContain('title: "Rejected \\u202e%09 yb \\u009b2J\\u001b]52;c;');
    expect((JSON.parse(json) as { entries: Entry[] }).entries[0]?.title).toBe(title);
  });

  it('colour on: only noisy’s own colour codes reach the terminal', async () => {
    const { cli } = hostileJournal();
    const result = await cli(['show', 'abcd'], { tty: true, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(result.code).toBe(0);
    // eslint-disable-next-line no-control-regex -- the codes are what is checked
    expect(result.stdout).toMatch(/\x1b\[1m/);
    // eslint-disable-next-line no-control-regex -- the codes are what is checked
    expectSafe(result.stdout.replace(/\x1b\[(1|2|22|31|32|33|36|39)m/g, ''));
    expect(result.stdout).toContain('<U+001B>]52;c;');
  });

  it('export on the real stdout (bytes written in blocks) is escaped too', async () => {
    const { db } = hostileJournal();
    const result = await runBin(['export'], { env: { NOISY_DB: db } });
    expect(result.code, result.stderr).toBe(0);
    expectSafe(result.stdout, result.stderr);
    expect(result.stdout).toContain('Rejected \\<U+202E>');
  });
});
