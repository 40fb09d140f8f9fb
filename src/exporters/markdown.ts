// Markdown for rereading: one CommonMark document grouped by month, or (--split) one file per entry
// with YAML front matter for notes vaults and static-site generators. Pure: text in, text out.
//
// People's words can hold anything (#, ---, backticks, <html>, [links](...), leading spaces, CRLF),
// so every piece of their text is escaped before it goes in: it always reads as plain text and
// can never become a heading, list, code block, link or HTML of its own.
import { localDay, localTime } from '../core/dates.js';
import type { Entry } from '../core/entry.js';
import type { Pack } from '../core/pack.js';
import { assess } from '../core/summary.js';
import type { WarrantedUpdate } from '../core/warranted.js';
import { followUpSentence } from '../ui/entry-text.js';
import { KIND_LABELS, METHOD_LABELS, STATE_LABELS } from '../ui/labels.js';
import { aboutMeLines, formatFactor, formatRate, informationSentence, nextLines, warrantedLines } from '../ui/summary-text.js';
import type { ExportSettings, Exporter } from './registry.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

// ── escaping ─────────────────────────────────────────────────────────────────────────────────

/** Characters that can start inline structure anywhere in a line (code, emphasis, links, HTML, entities, GFM tables and strikethrough). */
const INLINE_SPECIAL = /[\\`*_[\]<>&|~]/g;

/** Escapes one line of text for use inside a paragraph, list item or heading. */
function escapeInline(text: string): string {
  // Most text has none of these: test first (no new string), and escape with a replacement pattern.
  return HAS_INLINE_SPECIAL.test(text) ? text.replace(INLINE_SPECIAL, '\\$&') : text;
}

const HAS_INLINE_SPECIAL = /[\\`*_[\]<>&|~]/;

/**
 * Escapes a line that starts a block: on top of the inline escapes, what a line may begin with to
 * become a heading (#, setext = or -), a quote (>), a list (- + or 1. 1)) or a thematic break.
 * Leading indentation is dropped, since four spaces would make a code block.
 */
function escapeLineStart(line: string): string {
  const escaped = escapeInline(line.replace(/^[ \t]+/, ''));
  // Only a line starting with one of these (or a digit) can open a block.
  return BLOCK_START.test(escaped) ? escaped.replace(/^([#>+=-])/, '\\$1').replace(/^(\d{1,9})([.)])/, '$1\\$2') : escaped;
}

const BLOCK_START = /^[#>+=\-\d]/;

/** Splits on any newline (\n, \r\n or \r). */
function lines(text: string): string[] {
  return text.includes('\r') ? text.split(/\r\n|\r|\n/) : text.split('\n');
}

/**
 * Text of any length as Markdown paragraphs: blank lines separate paragraphs, single line breaks
 * stay line breaks (a trailing backslash). `indent` goes before every line after the first, so the
 * text can sit inside a list item; `midLine` when the first line follows other text on its line
 * (it then needs only the inline escapes).
 */
export function markdownParagraphs(text: string, indent = '', midLine = false): string {
  // Most answers are one line: the same result as below without splitting and joining.
  if (!text.includes('\n') && !text.includes('\r')) {
    if (text.trim() === '') return '';
    return midLine ? escapeInline(text.trim()) : escapeLineStart(text.trimEnd());
  }
  const paragraphs: string[][] = [[]];
  for (const line of lines(text)) {
    const current = paragraphs.at(-1) as string[];
    if (line.trim() === '') {
      if (current.length > 0) paragraphs.push([]);
    } else {
      const first = paragraphs.length === 1 && current.length === 0;
      current.push(first && midLine ? escapeInline(line.trim()) : escapeLineStart(line.trimEnd()));
    }
  }
  return paragraphs
    .filter((p) => p.length > 0)
    .map((p) => p.join(`\\\n${indent}`))
    .join(`\n\n${indent}`);
}

/** Text for a heading: one line, with every # escaped so none can close or open a heading. */
export function markdownHeadingText(text: string): string {
  return escapeInline(text.replace(/\s+/g, ' ').trim()).replace(/#/g, '\\#');
}

// ── one entry ────────────────────────────────────────────────────────────────────────────────

/**
 * One entry as Markdown blocks: a heading at `level` with its date and title, then the answers,
 * the reframed summary, the warranted-update figures and any follow-ups one level down.
 */
export function renderEntryMarkdown(entry: Entry, pack: Pack, level: number): string {
  const assessment = assess(entry, pack);
  const blocks: string[] = [];
  const heading = (text: string) => blocks.push(`${'#'.repeat(level + 1)} ${text}`);
  const paragraph = (text: string) => blocks.push(markdownParagraphs(text));
  const list = (items: string[]) => {
    if (items.length > 0) blocks.push(items.join('\n'));
  };
  /** A list item "**Label:** text"; the text may run over several lines and paragraphs. */
  const item = (label: string, text: string) => `- **${escapeInline(label)}:** ${markdownParagraphs(text, '  ', true)}`;

  blocks.push(`${'#'.repeat(level)} ${entry.date} — ${markdownHeadingText(entry.title)}`);
  const meta = [capitalise(KIND_LABELS[entry.kind]), `saved ${localTime(entry.createdAt)}`, `id ${entry.id}`];
  if (entry.tags.length > 0) meta.push(`tags: ${entry.tags.join(', ')}`);
  paragraph(meta.join(' · '));

  if (entry.story) {
    heading('What happened');
    paragraph(entry.story);
  }

  heading('Your answers');
  const answers: string[] = [];
  for (const extra of pack.extras) {
    const value = entry.extras[extra.id];
    if (value) answers.push(item(extraLabel(extra.message), value));
  }
  answers.push(item('The belief', `"${entry.belief.statement}": ${entry.belief.before}% before, ${entry.belief.after}% after.`));
  answers.push(item('How you were evaluated', capitalise(METHOD_LABELS[entry.evaluation.method])));
  answers.push(item('Minutes they saw', entry.evaluation.minutesSeen === null ? 'not known' : String(entry.evaluation.minutesSeen)));
  if (entry.evaluation.whatTheySaw) answers.push(item('What they saw', entry.evaluation.whatTheySaw));
  answers.push(item('Share accepted', entry.evaluation.selectionRate === null ? 'not known' : `${entry.evaluation.selectionRate}%`));
  const confounders = new Map(pack.confounders.map((c) => [c.id, c.label]));
  if (entry.confounders.length > 0) answers.push(item('May have played a part', entry.confounders.map((id) => confounders.get(id) ?? id).join('; ')));
  if (entry.otherConfounders) answers.push(item('Also', entry.otherConfounders));
  answers.push(item('About your ability', `${entry.aboutMe}%`));
  const reasons = new Map(pack.notAboutMe.map((o) => [o.id, o.label]));
  if (entry.notAboutMeReasons.length > 0) answers.push(item('Not about you', entry.notAboutMeReasons.map((id) => reasons.get(id) ?? id).join('; ')));
  if (entry.state.length > 0) answers.push(item('How you were', entry.state.map((s) => STATE_LABELS[s]).join(', ')));
  answers.push(item('Next step', entry.nextStep || '(none yet)'));
  if (entry.prediction) {
    const p = entry.prediction;
    answers.push(item('Prediction', `${p.statement} (${p.probability}%, check on ${p.checkOn})`));
  }
  answers.push(item('Follow-up', entry.followUpOn ?? 'none planned'));
  list(answers);

  heading('How far should this move you?');
  paragraph(warrantedLines(entry, assessment).join(' '));
  list(warrantedFigures(entry, assessment).map(([label, text]) => item(label, text)));

  heading('What the evaluator had to go on');
  paragraph(informationSentence(assessment));

  if (assessment.noise.length > 0) {
    heading('Noise in this evaluation');
    list(
      assessment.noise.map(
        (note) => `- **${escapeInline(note.label)}**${note.from === 'answers' ? ' (from your answers)' : ''}. ${markdownParagraphs(note.why, '  ', true)}`,
      ),
    );
  }

  heading('Was it about you?');
  paragraph(aboutMeLines(assessment).join(' '));

  if (assessment.facts.length > 0) {
    heading('Worth knowing');
    list(assessment.facts.map((fact) => `- ${markdownParagraphs(`${fact.text} (${fact.source})`, '  ')}`));
  }

  heading('Next');
  paragraph(nextLines(assessment).join(' '));

  if (entry.followUps.length > 0) {
    heading('Looking back');
    list(
      entry.followUps.map((f) => {
        const head = `- **${localDay(f.answeredAt)}:** ${escapeInline(capitalise(followUpSentence(f, entry.prediction !== null)))}`;
        return f.whatHappened ? `${head}\n\n  ${markdownParagraphs(f.whatHappened, '  ')}` : head;
      }),
    );
  }
  return blocks.join('\n\n') + '\n';
}

/** The numbers behind the warranted update, label and value, for people who want to check them. */
export function warrantedFigures(entry: Entry, w: WarrantedUpdate): [string, string][] {
  const figures: [string, string][] = [];
  figures.push(['Your belief', `${entry.belief.before}% before, ${entry.belief.after}% after`]);
  const range = w.warrantedRange ? ` (between ${round(w.warrantedRange.low)}% and ${round(w.warrantedRange.high)}%, depending on the real rate)` : '';
  figures.push(['Warranted belief', `about ${round(w.warrantedBelief)}%${range}`]);
  figures.push(['Likelihood ratio', `${w.likelihoodRatio.toFixed(2)}: how likely this outcome is if you are good enough, divided by how likely it is if you are not`]);
  const discounted = w.validity < w.baseValidity - 1e-9 ? `, lowered from ${correlation(w.baseValidity)} for a short look or the confounders you ticked` : '';
  figures.push(['Validity of the method', `r ≈ ${correlation(w.validity)} for ${METHOD_LABELS[w.method]}${discounted}`]);
  figures.push(['Share accepted', w.selectionRateKnown ? `${formatRate(w.selectionRate)} (your figure)` : `about ${formatRate(w.selectionRate)} (assumed; you didn't know it)`]);
  figures.push(['Moves in log-odds', `yours ${signed(w.actualShift)}, warranted ${signed(w.warrantedShift)}`]);
  if (w.overupdateFactor !== null) figures.push(['Over-update factor', `${formatFactor(w.overupdateFactor)} the warranted move`]);
  else figures.push(['Over-update factor', 'not computed: this evidence warrants almost no move at all']);
  if (w.assumptions.length > 0) figures.push(['Modelling assumptions used', w.assumptions.join(', ')]);
  return figures;
}

// ── the whole document ───────────────────────────────────────────────────────────────────────

/** The journal as one Markdown document: entries oldest first, a `##` heading for each month. */
export function* renderMarkdown(entries: Iterable<Entry>, settings: ExportSettings): Generator<string> {
  yield '# noisy journal\n\nEach entry shows what you wrote at the time, then how far that one evaluation should move you.\n';
  let month = '';
  let count = 0;
  for (const entry of entries) {
    const entryMonth = entry.date.slice(0, 7);
    if (entryMonth !== month) {
      month = entryMonth;
      yield `\n## ${monthHeading(entry.date)}\n`;
    }
    yield `\n${renderEntryMarkdown(entry, settings.packs[entry.kind], 3)}`;
    count += 1;
  }
  if (count === 0) yield '\nNo entries to show.\n';
}

export const markdownExporter: Exporter = {
  format: 'md',
  description: 'one readable Markdown document, grouped by month',
  extension: 'md',
  render: (entries, settings) => renderMarkdown(entries, settings),
};

// ── one file per entry (--split) ─────────────────────────────────────────────────────────────

/** A stable, portable file name: `2026-11-20-fellowship-rejection-7kq3m9x2ab.md`. */
export function entryFileName(entry: Entry): string {
  return `${entry.date}-${slug(entry.title)}-${entry.id}.md`;
}

/** Longest title part of a file name; keeps whole names well under every file system's limit. */
const SLUG_MAX = 48;

function slug(title: string): string {
  const ascii = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (ascii.length <= SLUG_MAX) return ascii || 'entry';
  const cut = ascii.slice(0, SLUG_MAX);
  const lastDash = cut.lastIndexOf('-');
  return (lastDash > SLUG_MAX / 2 ? cut.slice(0, lastDash) : cut).replace(/-+$/, '');
}

/** One entry as a file of its own: YAML front matter, then the entry with a top-level heading. */
export function renderEntryFile(entry: Entry, pack: Pack): string {
  const warranted = assess(entry, pack);
  const front = [
    '---',
    `id: ${yamlString(entry.id)}`,
    `date: ${yamlString(entry.date)}`,
    `kind: ${yamlString(entry.kind)}`,
    `title: ${yamlString(entry.title)}`,
    `tags: [${entry.tags.map(yamlString).join(', ')}]`,
    `belief: ${yamlString(entry.belief.statement)}`,
    `belief_before: ${entry.belief.before}`,
    `belief_after: ${entry.belief.after}`,
    `warranted_belief: ${Math.round(warranted.warrantedBelief * 10) / 10}`,
    `created: ${yamlString(entry.createdAt)}`,
    '---',
  ];
  return `${front.join('\n')}\n\n${renderEntryMarkdown(entry, pack, 1)}`;
}

/**
 * A YAML double-quoted string. JSON's escaping is valid YAML; on top of it, the characters YAML
 * treats as line breaks or as unprintable are escaped too, so `yes`, `null`, `: ` and `#` stay text.
 */
export function yamlString(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// ── small helpers ────────────────────────────────────────────────────────────────────────────

function monthHeading(day: string): string {
  const [year, month] = day.split('-');
  return `${MONTHS[Number(month) - 1] ?? month} ${year}`;
}

function extraLabel(message: string): string {
  return message.replace(/\s*\(optional.*\)$/i, '').replace(/\?$/, '');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function round(value: number): number {
  return Math.round(value);
}

function correlation(r: number): string {
  return r.toFixed(2).replace(/^0/, '');
}

function signed(value: number): string {
  return `${value > 0 ? '+' : value < 0 ? '−' : ''}${Math.abs(value).toFixed(2)}`;
}
