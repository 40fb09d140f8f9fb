// Markdown for rereading: one CommonMark document grouped by month, or (--split) one file per entry
// with YAML front matter for notes vaults and static-site generators. Pure: text in, text out.
//
// People's words can hold anything (#, ---, backticks, <html>, [links](...), leading spaces, CRLF),
// so every piece of their text is escaped before it goes in: it always reads as plain text and
// can never become a heading, list, code block, link or HTML of its own.
import { localDay, localTime } from '../core/dates.js';
import type { Kind, Method } from '../core/domain.js';
import type { Entry, FollowUp } from '../core/entry.js';
import type { Fact } from '../core/facts.js';
import type { Pack } from '../core/pack.js';
import { assess, type Assessment } from '../core/summary.js';
import type { WarrantedUpdate } from '../core/warranted.js';
import type { Packs } from '../core/fields.js';
import { followUpSentence } from '../ui/entry-text.js';
import { revisionChanges } from '../ui/review-text.js';
import { KIND_LABELS, METHOD_LABELS, STATE_LABELS } from '../ui/labels.js';
import { safeJson, safeText } from '../ui/terminal-safe.js';
import { aboutMeLines, formatRate, informationSentence, moveWords, nextLines, warrantedLines } from '../ui/summary-text.js';
import type { ExportSettings, Exporter } from './registry.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

// ── escaping ─────────────────────────────────────────────────────────────────────────────────

/** Characters that can start inline structure anywhere in a line (code, emphasis, links, HTML, entities, GFM tables and strikethrough). */
const INLINE_SPECIAL = /[\\`*_[\]<>&|~]/g;

/**
 * Escapes one line of text for use inside a paragraph, list item or heading. Characters a terminal
 * must not see raw (controls, bidi controls...) are first shown as `<U+202E>`, which the Markdown
 * escapes then keep as text: a character reference (`&#x202E;`) would render as the character itself.
 */
function escapeInline(text: string): string {
  const shown = safeText(text);
  // Most text has none of these: test first (no new string), and escape with a replacement pattern.
  return HAS_INLINE_SPECIAL.test(shown) ? shown.replace(INLINE_SPECIAL, '\\$&') : shown;
}

const HAS_INLINE_SPECIAL = /[\\`*_[\]<>&|~]/;

/**
 * Escapes a line that starts a block: on top of the inline escapes, what a line may begin with to
 * become a heading (#, setext = or -), a quote (>), a list (- + or 1. 1)) or a thematic break.
 * Leading indentation is dropped, since four spaces would make a code block.
 */
function escapeLineStart(line: string): string {
  const first = line.charCodeAt(0);
  const escaped = escapeInline(first === 32 || first === 9 ? line.replace(/^[ \t]+/, '') : line);
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
    const trimmed = text.trim();
    if (trimmed === '') return '';
    return midLine ? escapeInline(trimmed) : escapeLineStart(text.trimEnd());
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

/** Whitespace that `\s+` → ' ' would change: a run of two, or any whitespace but a plain space. */
const SPACING_TO_COLLAPSE = /\s\s|[^\S ]/;

/** Text for a heading: one line, with every # escaped so none can close or open a heading. */
export function markdownHeadingText(text: string): string {
  // Most titles are words and single spaces: then the whitespace pass would change nothing.
  const oneLine = SPACING_TO_COLLAPSE.test(text) ? text.replace(/\s+/g, ' ') : text;
  const escaped = escapeInline(oneLine.trim());
  return escaped.includes('#') ? escaped.replace(/#/g, '\\#') : escaped;
}

// ── one entry ────────────────────────────────────────────────────────────────────────────────

/**
 * One entry as Markdown blocks: a heading at `level` with its date and title, then the answers,
 * the reframed summary, the warranted-update figures and any follow-ups one level down.
 *
 * Built as one string, block after block (`\n\n` between blocks), with the fixed parts (headings,
 * labels, the pack's noise notes and the facts) escaped once and reused: an export renders every
 * entry of the journal, and these small pieces used to cost more than the person's own text.
 */
export function renderEntryMarkdown(entry: Entry, pack: Pack, level: number, packs?: Packs): string {
  const assessment = assess(entry, pack);
  const h = headings(level);
  const fixed = packFragments(pack);
  const { belief, evaluation } = entry;

  let meta = `${KIND_META[entry.kind]} · saved ${localTime(entry.createdAt)} · id ${entry.id}`;
  if (entry.tags.length > 0) meta += ` · tags: ${entry.tags.join(', ')}`;
  let out = `${h.entry}${entry.date} — ${markdownHeadingText(entry.title)}\n\n${markdownParagraphs(meta)}`;

  if (entry.story) out += `${h.whatHappened}${markdownParagraphs(entry.story)}`;

  out += h.yourAnswers;
  for (const extra of fixed.extras) {
    const value = entry.extras[extra.id];
    if (value) out += `${extra.prefix}${listText(value)}\n`;
  }
  out += `${BELIEF_ITEM}${listText(`"${belief.statement}": ${belief.before}% before, ${belief.after}% after.`)}`;
  out += METHOD_ITEM[evaluation.method];
  // Numbers need no escaping: their text is digits and a point.
  out += `${MINUTES_ITEM}${evaluation.minutesSeen === null ? 'not known' : String(evaluation.minutesSeen)}`;
  if (evaluation.whatTheySaw) out += `${WHAT_THEY_SAW_ITEM}${listText(evaluation.whatTheySaw)}`;
  out += `${SHARE_ITEM}${evaluation.selectionRate === null ? 'not known' : `${evaluation.selectionRate}%`}`;
  if (entry.confounders.length > 0) out += `${CONFOUNDERS_ITEM}${listText(entry.confounders.map((id) => fixed.confounderLabels.get(id) ?? id).join('; '))}`;
  if (entry.otherConfounders) out += `${ALSO_ITEM}${listText(entry.otherConfounders)}`;
  out += `${ABOUT_ME_ITEM}${entry.aboutMe}%`;
  if (entry.notAboutMeReasons.length > 0) out += `${NOT_ABOUT_YOU_ITEM}${listText(entry.notAboutMeReasons.map((id) => fixed.reasonLabels.get(id) ?? id).join('; '))}`;
  if (entry.state.length > 0) out += `${STATE_ITEM}${listText(entry.state.map((st) => STATE_LABELS[st]).join(', '))}`;
  out += `${NEXT_STEP_ITEM}${listText(entry.nextStep || '(none yet)')}`;
  if (entry.prediction) {
    const p = entry.prediction;
    out += `${PREDICTION_ITEM}${listText(`${p.statement} (${p.probability}%, check on ${p.checkOn})`)}`;
  }
  out += `${FOLLOW_UP_ITEM}${entry.followUpOn === null ? 'none planned' : listText(entry.followUpOn)}`;

  out += `${h.howFar}${markdownParagraphs(warrantedLines(entry, assessment).join(' '))}\n\n`;
  const figures = warrantedFigures(entry, assessment);
  for (let i = 0; i < figures.length; i += 1) {
    const [label, text] = figures[i] as [string, string];
    out += `${i === 0 ? '' : '\n'}${itemPrefix(label)}${listText(text)}`;
  }

  out += `${h.evaluator}${markdownParagraphs(informationSentence(assessment))}`;

  if (assessment.noise.length > 0) {
    out += h.noise;
    for (let i = 0; i < assessment.noise.length; i += 1) {
      const note = assessment.noise[i] as Assessment['noise'][number];
      out += `${i === 0 ? '' : '\n'}${noiseItem(fixed, note)}`;
    }
  }

  out += `${h.aboutYou}${markdownParagraphs(aboutMeLines(assessment).join(' '))}`;

  if (assessment.facts.length > 0) {
    out += h.worthKnowing;
    for (let i = 0; i < assessment.facts.length; i += 1) out += `${i === 0 ? '' : '\n'}${factItem(assessment.facts[i] as Fact)}`;
  }

  out += `${h.next}${markdownParagraphs(nextLines(assessment).join(' '))}`;

  if (entry.followUps.length > 0) {
    out += h.lookingBack;
    const hasPrediction = entry.prediction !== null;
    for (let i = 0; i < entry.followUps.length; i += 1) {
      const f = entry.followUps[i] as FollowUp;
      out += `${i === 0 ? '' : '\n'}- **${localDay(f.answeredAt)}:** ${escapeInline(capitalise(followUpSentence(f, hasPrediction)))}`;
      if (f.whatHappened) out += `\n\n  ${markdownParagraphs(f.whatHappened, '  ')}`;
    }
  }

  // Every edit, with the answers as they were: nothing written at the time is lost in an export.
  if (packs && entry.revisions.length > 0) {
    out += h.edits;
    revisionChanges(entry, packs).forEach((revision, i) => {
      const changes = revision.changes.map((c) => `${c.label}: ${c.from} → ${c.to}`).join('; ');
      out += `${i === 0 ? '' : '\n'}- **${localTime(revision.revisedAt)}:** ${escapeInline(changes)}`;
    });
  }
  return `${out}\n`;
}

/** A list item's text after its label: may run over several lines and paragraphs, indented under the item. */
function listText(text: string): string {
  return markdownParagraphs(text, '  ', true);
}

/** `- **Label:** ` with the label escaped, for the labels of list items; each label is escaped once. */
function itemPrefix(label: string): string {
  let prefix = ITEM_PREFIXES.get(label);
  if (prefix === undefined) {
    prefix = `- **${escapeInline(label)}:** `;
    ITEM_PREFIXES.set(label, prefix);
  }
  return prefix;
}

/** Labels are a fixed set (this file's and the packs'), so this stays small. */
const ITEM_PREFIXES = new Map<string, string>();

/** The items of "Your answers" after the first one, each starting on a new line. */
const BELIEF_ITEM = itemPrefix('The belief');
const MINUTES_ITEM = `\n${itemPrefix('Minutes they saw')}`;
const WHAT_THEY_SAW_ITEM = `\n${itemPrefix('What they saw')}`;
const SHARE_ITEM = `\n${itemPrefix('Share accepted')}`;
const CONFOUNDERS_ITEM = `\n${itemPrefix('May have played a part')}`;
const ALSO_ITEM = `\n${itemPrefix('Also')}`;
const ABOUT_ME_ITEM = `\n${itemPrefix('About your ability')}`;
const NOT_ABOUT_YOU_ITEM = `\n${itemPrefix('Not about you')}`;
const STATE_ITEM = `\n${itemPrefix('How you were')}`;
const NEXT_STEP_ITEM = `\n${itemPrefix('Next step')}`;
const PREDICTION_ITEM = `\n${itemPrefix('Prediction')}`;
const FOLLOW_UP_ITEM = `\n${itemPrefix('Follow-up')}`;

/** "How you were evaluated", whole, for each method. */
const METHOD_ITEM = Object.fromEntries(
  Object.entries(METHOD_LABELS).map(([method, label]) => [method, `\n${itemPrefix('How you were evaluated')}${listText(capitalise(label))}`]),
) as Record<Method, string>;

/** The start of the line under each entry's heading: "Job application". */
const KIND_META = Object.fromEntries(Object.entries(KIND_LABELS).map(([kind, label]) => [kind, capitalise(label)])) as Record<Kind, string>;

interface Headings {
  /** The entry's own heading marks, before its date and title. */
  entry: string;
  /** The section headings, each with the blank lines around it. */
  whatHappened: string;
  yourAnswers: string;
  howFar: string;
  evaluator: string;
  noise: string;
  aboutYou: string;
  worthKnowing: string;
  next: string;
  lookingBack: string;
  edits: string;
}

const HEADINGS = new Map<number, Headings>();

function headings(level: number): Headings {
  let found = HEADINGS.get(level);
  if (found === undefined) {
    const section = (text: string) => `\n\n${'#'.repeat(level + 1)} ${text}\n\n`;
    found = {
      entry: `${'#'.repeat(level)} `,
      whatHappened: section('What happened'),
      yourAnswers: section('Your answers'),
      howFar: section('How far should this move you?'),
      evaluator: section('What the evaluator had to go on'),
      noise: section('Noise in this evaluation'),
      aboutYou: section('Was it about you?'),
      worthKnowing: section('Worth knowing'),
      next: section('Next'),
      lookingBack: section('Looking back'),
      edits: section('Edits'),
    };
    HEADINGS.set(level, found);
  }
  return found;
}

/** What a pack contributes to every entry of its kind, escaped once. */
interface PackFragments {
  extras: { id: string; prefix: string }[];
  confounderLabels: ReadonlyMap<string, string>;
  reasonLabels: ReadonlyMap<string, string>;
  /** Noise items by `from:id`. */
  noiseItems: Map<string, string>;
}

const PACK_FRAGMENTS = new WeakMap<Pack, PackFragments>();

function packFragments(pack: Pack): PackFragments {
  let found = PACK_FRAGMENTS.get(pack);
  if (found === undefined) {
    found = {
      extras: pack.extras.map((extra) => ({ id: extra.id, prefix: itemPrefix(extraLabel(extra.message)) })),
      confounderLabels: new Map(pack.confounders.map((c) => [c.id, c.label])),
      reasonLabels: new Map(pack.notAboutMe.map((o) => [o.id, o.label])),
      noiseItems: new Map(),
    };
    PACK_FRAGMENTS.set(pack, found);
  }
  return found;
}

function noiseItem(fixed: PackFragments, note: Assessment['noise'][number]): string {
  const key = `${note.from}:${note.id}`;
  let item = fixed.noiseItems.get(key);
  if (item === undefined) {
    item = `- **${escapeInline(note.label)}**${note.from === 'answers' ? ' (from your answers)' : ''}. ${markdownParagraphs(note.why, '  ', true)}`;
    fixed.noiseItems.set(key, item);
  }
  return item;
}

const FACT_ITEMS = new WeakMap<Fact, string>();

function factItem(fact: Fact): string {
  let item = FACT_ITEMS.get(fact);
  if (item === undefined) {
    item = `- ${markdownParagraphs(`${fact.text} (${fact.source})`, '  ')}`;
    FACT_ITEMS.set(fact, item);
  }
  return item;
}

/** The numbers behind the warranted update, label and value, for people who want to check them. */
export function warrantedFigures(entry: Entry, w: WarrantedUpdate): [string, string][] {
  const figures: [string, string][] = [];
  figures.push(['Your belief', `${entry.belief.before}% before, ${entry.belief.after}% after`]);
  const range = ` (between ${round(w.warrantedRange.low)}% and ${round(w.warrantedRange.high)}% across the plausible figures)`;
  figures.push(['Warranted belief', `about ${round(w.warrantedBelief)}%${range}`]);
  figures.push(['Likelihood ratio', `${w.likelihoodRatio.toFixed(2)}: how likely this outcome is if you are good enough, divided by how likely it is if you are not`]);
  const discounted = w.validity < w.baseValidity - 1e-9 ? ', counted for less here for what you told us (see `noisy evidence` for the discounts)' : '';
  figures.push(['Validity of the method', `r ≈ ${correlation(w.baseValidity)} for ${METHOD_LABELS[w.method]}${discounted}`]);
  figures.push(['Share accepted', w.selectionRateKnown ? `${formatRate(w.selectionRate)} (your figure)` : `about ${formatRate(w.selectionRate)} (assumed; you didn't know it)`]);
  figures.push(['Moves in log-odds', `yours ${signed(w.actualShift)}, warranted ${signed(w.warrantedShift)}`]);
  if (w.overupdateFactor !== null) figures.push(['Your move against the warranted one', moveWords(w)]);
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
    yield `\n${renderEntryMarkdown(entry, settings.packs[entry.kind], 3, settings.packs)}`;
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
export function renderEntryFile(entry: Entry, pack: Pack, packs?: Packs): string {
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
  return `${front.join('\n')}\n\n${renderEntryMarkdown(entry, pack, 1, packs)}`;
}

/**
 * A YAML double-quoted string. JSON's escaping is valid YAML; on top of it, the characters YAML
 * treats as line breaks or as unprintable, and those a terminal must not see raw (C1 and bidi
 * controls, other format characters), are escaped too, so `yes`, `null`, `: ` and `#` stay text
 * and `cat` shows the file inertly. Every value is still JSON, and reads back as exactly the text.
 */
export function yamlString(text: string): string {
  return safeJson(JSON.stringify(text)).replace(/[\ufffe\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16)}`);
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
