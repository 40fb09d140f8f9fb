// Markdown to reread: the journal as a diary, one CommonMark document grouped by month, or (--split)
// one file per entry with YAML front matter for notes vaults and static-site generators. Pure: text
// in, text out.
//
// Each entry reads as a short journal page (renderEntryMarkdown shows its shape): what happened, what
// you thought then, what the evidence could carry, what happened next and what you learned. It is
// written in words and ranges; the model's figures (likelihood ratio, log-odds, figure ids) are in the
// JSON export and in the --split front matter.
//
// People's words can hold anything (#, ---, backticks, <html>, [links](...), leading spaces, CRLF).
// Only what would change the rendering is escaped, so the raw file reads cleanly in any editor: `*`,
// backticks, `[`, `|`, a backslash always; `_` unless inside a word; `<` before a tag or link; `&`
// before an entity; `~` next to another; and at the start of a line whatever could open a block (#,
// >, =, +, -, "1."). Lines are wrapped at 80 columns by display width, never inside a word or a link.
import { localDay } from '../core/dates.js';
import type { Kind, State } from '../core/domain.js';
import type { Entry, FollowUp } from '../core/entry.js';
import type { Packs } from '../core/fields.js';
import type { Pack } from '../core/pack.js';
import { warrantedFor } from '../core/summary.js';
import { beliefBars, type BeliefPicture } from '../core/belief-picture.js';
import { beliefParagraphs } from '../ui/beliefs-text.js';
import type { WarrantedUpdate } from '../core/warranted.js';
import { KIND_LABELS, METHOD_LABELS, STATE_LABELS } from '../ui/labels.js';
import { revisionChanges } from '../ui/review-text.js';
import { oneColumnEach } from '../ui/style.js';
import { formatRate, notAskedAboutMe, overupdateWords } from '../ui/summary-text.js';
import { safeJson, safeText } from '../ui/terminal-safe.js';
import { displayWidth } from '../ui/width.js';
import type { ExportSettings } from './registry.js';
import type { Attempt } from '../core/attempts.js';

/** Lines are wrapped to this many columns where the text allows (a long word or link runs over). */
export const LINE_WIDTH = 80;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

// ── one entry ────────────────────────────────────────────────────────────────────────────────

/**
 * One entry as a diary page: a heading at `level` with its day and title, a line of what kind of
 * evaluation it was, then a paragraph for each part. About 25 lines for a typical entry.
 */
export function renderEntryMarkdown(entry: Entry, pack: Pack, level: number, packs?: Packs, bar: number | null = null): string {
  const w = warrantedFor(entry, bar);
  const page = new Page();
  page.heading(level, `${longDay(entry.date)} — ${headingText(entry.title)}`);
  page.paragraph(new Prose().say('*').say(metaLine(entry)).say('*'));

  // What they saw opens the evidence; with no story of its own, it is what happened.
  const storyless = entry.story.trim() === '';
  if (storyless) page.paragraph(evaluatorSentence(entry, new Prose().say('**What happened.** ')));
  else page.paragraph(new Prose().say('**What happened.**'), entry.story);
  page.paragraph(thoughtThen(entry, pack));
  const evidence = new Prose().say('**What the evidence could carry.** ');
  if (!storyless) evaluatorSentence(entry, evidence).say(' ');
  page.paragraph(evidenceCarried(entry, w, evidence));
  page.list(new Prose().say('**What happened next.**'), happenedNext(entry, packs));
  const learned = whatYouLearned(entry, w);
  if (learned) page.paragraph(learned);
  return page.text();
}

/** "Application · a setback · tags: fellowship · id 7kq3m9x2ab" */
function metaLine(entry: Entry): string {
  let meta = `${KIND_META[entry.kind]} · ${entry.outcome === 'accepted' ? 'good news' : 'a setback'}`;
  if (entry.tags.length > 0) meta += ` · tags: ${entry.tags.map(inline).join(', ')}`;
  return `${meta} · id ${inline(entry.id)}`;
}

/** How much of the person the evaluation saw, and through what, said into `p`. */
function evaluatorSentence(entry: Entry, p: Prose): Prose {
  const { method, minutesSeen, whatTheySaw } = entry.evaluation;
  if (method === 'self-assessment') p.say('It was your own verdict on yourself');
  else if (minutesSeen === null) p.say(`They judged ${method === 'peer-review' ? 'the work' : 'you'} through ${METHOD_LABELS[method]}`);
  else {
    const amount = minutesSeen < 120 ? `about ${Math.round(minutesSeen)} minutes` : `about ${roundHours(minutesSeen)} hours`;
    if (method === 'peer-review') p.say(`Reviewers spent ${amount} on it`);
    else p.say(`They saw ${amount} of you, ${method === 'job-performance' ? 'on the job' : `through ${METHOD_LABELS[method]}`}`);
  }
  if (whatTheySaw.trim() === '') return p.say('.');
  return p.say(method === 'self-assessment' ? ', based on ' : ': ').words(whatTheySaw).say(fullStopAfter(whatTheySaw));
}

/** What you thought then: the belief before and after, how much was about you, your state, your reasons. */
function thoughtThen(entry: Entry, pack: Pack): Prose {
  const { belief } = entry;
  const p = new Prose().say('**What you thought then.** You put ').quoted(belief.statement);
  // Good news is not asked whether it was about you: its stand-in value is not said as an answer.
  p.say(` at ${belief.before}% before and ${belief.after}% after${notAskedAboutMe(entry) ? '.' : `, and ${entry.aboutMe}% of the outcome down to your ability.`}`);
  const states = entry.state.filter((s) => s !== 'fine');
  if (states.length > 0) p.say(` You were ${statePhrase(states)}.`);
  const fixed = packWords(pack);
  if (entry.confounders.length > 0) {
    p.say(' You thought these played a part: ').say(entry.confounders.map((id) => fixed.confounders.get(id) ?? `"${inline(id)}"`).join('; ')).say('.');
  }
  if (entry.otherConfounders.trim() !== '') p.say(' Also: ').words(entry.otherConfounders).say(fullStopAfter(entry.otherConfounders));
  if (entry.notAboutMeReasons.length > 0) {
    p.say(' Reasons outside you: ').say(entry.notAboutMeReasons.map((id) => fixed.reasons.get(id) ?? `"${inline(id)}"`).join('; ')).say('.');
  }
  for (const extra of fixed.extras) {
    const value = entry.extras[extra.id];
    if (value) p.say(` ${extra.label}: `).words(value).say(fullStopAfter(value));
  }
  if (entry.nextStep.trim() !== '') p.say(' Your next step: ').words(entry.nextStep).say(fullStopAfter(entry.nextStep));
  if (entry.prediction) {
    const { statement, probability, checkOn } = entry.prediction;
    p.say(' You gave ').quoted(statement).say(` a ${probability}% chance, to check on ${longDay(checkOn)}.`);
  }
  return p;
}

/** What the evidence could carry: how well the method tracks ability, where a calibrated person would have landed, and your move beside it. */
function evidenceCarried(entry: Entry, w: WarrantedUpdate, p: Prose): Prose {
  const { before, after } = entry.belief;
  if (w.overupdateNote === 'impossible-outcome') {
    const what = w.outcome === 'rejected' ? 'a setback from a process that takes everyone (100%)' : 'good news from a process that takes no one (0%)';
    return p.say(`This entry records ${what}, which can't happen, so the model left it out; correct the rate with \`noisy edit\` to see what it warranted.`);
  }
  p.say(`${capitalise(tracking(w))}. A calibrated person would have gone from ${before}% to ${landing(w)}.`);
  const move = after < before ? 'drop' : 'rise';
  switch (w.moveComparison) {
    case 'much-larger':
    case 'larger':
      p.say(` Your ${move} was ${overupdateWords(w)} the size this evidence supported.`);
      break;
    case 'in-line':
      p.say(' Your move was about what this evidence supported.');
      break;
    case 'smaller':
      p.say(' You moved less than it supported.');
      break;
    case 'much-smaller':
      p.say(' You moved far less than it supported.');
      break;
    case 'opposite-direction':
      p.say(` Your belief went ${after > before ? 'up' : 'down'}, while the evidence pointed the other way.`);
      break;
    case 'no-move-warranted':
      if (after < before) p.say(' It barely moved a calibrated person, so the drop was mostly the sting.');
      break;
  }
  if (w.evidenceStrength === 'strong') p.say(" It was strong evidence and deserved real weight, though still one role, one stretch of time and a few people's view.");
  return p;
}

/** "A CV screen (about 5% taken) tracks ability only loosely, and ..." */
function tracking(w: WarrantedUpdate): string {
  if (w.method === 'peer-review') return 'peer review judges a paper, not a person, and committees reviewing the same papers often disagree';
  if (w.method === 'self-assessment') {
    const state = w.validityDiscount.stateFactor < 1 ? ', and less still on a bad day' : '';
    return `your own judgment tracks how you actually do only loosely${state}`;
  }
  const strength = w.baseValidity < 0.2 ? 'only loosely' : w.baseValidity < 0.35 ? 'modestly' : w.baseValidity < 0.5 ? 'moderately' : 'fairly well';
  const why =
    w.method !== 'conversation' && w.outcome === 'rejected' && w.selectionRate <= 30
      ? ', and when few are chosen, strong people get turned down too'
      : ', and one evaluation is one noisy draw';
  // "months on the job" are plural.
  const tracks = w.method === 'job-performance' ? 'track' : 'tracks';
  return `${METHOD_LABELS[w.method]}${ratePhrase(w)} ${tracks} ability ${strength}${why}`;
}

/** " (about 5% taken)": the share the process takes, and whether it was assumed. */
function ratePhrase(w: WarrantedUpdate): string {
  if (w.method === 'conversation') return '';
  const share = `about ${formatRate(w.selectionRate)} ${w.method === 'job-performance' ? 'kept on' : 'taken'}`;
  return ` (${share}${w.selectionRateKnown ? '' : ', assumed'})`;
}

/** "between 52% and 61%", or "about 59%" when the range rounds to one number. */
function landing(w: WarrantedUpdate): string {
  const low = Math.round(w.warrantedRange.low);
  const high = Math.round(w.warrantedRange.high);
  return low === high ? `about ${Math.round(w.warrantedBelief)}%` : `between ${low}% and ${high}%`;
}

/** Follow-ups and edits, oldest first, as list items; or, with none, what is still to come. */
function happenedNext(entry: Entry, packs: Packs | undefined): Prose[] | Prose {
  const items: { at: string; prose: Prose; text?: string }[] = [];
  const hasPrediction = entry.prediction !== null;
  for (const f of entry.followUps) items.push({ at: f.answeredAt, prose: followUpItem(f, hasPrediction), text: f.whatHappened });
  if (packs && entry.revisions.length > 0) {
    for (const revision of revisionChanges(entry, packs)) {
      const prose = new Prose().say(`${longDay(localDay(revision.revisedAt))}: you changed `);
      revision.changes.forEach((c, i) => {
        if (i > 0) prose.say('; ');
        prose.quoted(c.label).say(' from ').words(c.from).say(' to ').words(c.to);
      });
      items.push({ at: revision.revisedAt, prose: prose.say('.') });
    }
  }
  if (items.length === 0) {
    return new Prose().say(entry.followUpOn === null ? 'Nothing recorded since.' : `Nothing recorded yet; a follow-up was planned for ${longDay(entry.followUpOn)}.`);
  }
  items.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return items.map(({ prose, text }) => {
    if (text && text.trim() !== '') prose.say(' ').words(text, true);
    return prose;
  });
}

/** "5 January 2027: you were at 45% and had taken your next step; the prediction came true." */
function followUpItem(f: FollowUp, hasPrediction: boolean): Prose {
  const step = f.tookNextStep ? 'had taken your next step' : "hadn't taken your next step yet";
  const came = f.predictionCameTrue === null ? "it was too early to tell about the prediction" : f.predictionCameTrue ? 'the prediction came true' : "the prediction didn't come true";
  return new Prose().say(`${longDay(localDay(f.answeredAt))}: you were at ${f.beliefNow}% and ${step}${hasPrediction ? `; ${came}` : ''}.`);
}

/** What the follow-ups showed against that day: where the belief went, and the prediction. */
function whatYouLearned(entry: Entry, w: WarrantedUpdate): Prose | null {
  const last = entry.followUps.at(-1);
  if (!last) return null;
  const p = new Prose().say(`**What you learned.** At the follow-up you were at ${last.beliefNow}%`);
  if (w.overupdateNote === 'impossible-outcome') p.say('.');
  else {
    const low = Math.round(w.warrantedRange.low);
    const high = Math.round(w.warrantedRange.high);
    const where = low === high ? `about ${low}%` : `${low}–${high}%`;
    const distance = (x: number) => (x < low ? low - x : x > high ? x - high : 0);
    const now = distance(last.beliefNow);
    const then = distance(entry.belief.after);
    if (now === 0) p.say(`, within the range the evidence pointed to (${where}).`);
    else if (now < then) p.say(`: closer to where the evidence pointed (${where}) than the ${entry.belief.after}% of that day.`);
    else if (now > then) p.say(`: further from where the evidence pointed (${where}) than the ${entry.belief.after}% of that day.`);
    else p.say(`, as far from where the evidence pointed (${where}) as that day.`);
  }
  const prediction = entry.prediction;
  let came: boolean | null = null;
  for (const f of entry.followUps) if (f.predictionCameTrue !== null) came = f.predictionCameTrue;
  if (prediction && came !== null) {
    const chance = prediction.probability;
    if (came) p.say(chance < 50 ? ` Your prediction came true, though you had given it ${chance}%: things went better than you expected.` : ` Your prediction came true, as you expected (${chance}%).`);
    else p.say(chance >= 50 ? ` Your prediction didn't come true, though you had given it ${chance}%.` : ` Your prediction didn't come true, as you expected (${chance}%).`);
  }
  return p;
}

// ── pages and prose ──────────────────────────────────────────────────────────────────────────

/** The lines of one entry: blocks separated by a blank line. */
class Page {
  private readonly lines: string[] = [];

  heading(level: number, text: string): void {
    this.lines.push(`${'#'.repeat(level)} ${text}`);
  }

  /**
   * A paragraph: `lead` (our words, perhaps someone's quoted), then, if given, someone's text of any
   * length: its first paragraph continues the lead, the others follow as paragraphs of their own.
   */
  paragraph(lead: Prose, text?: string): void {
    if (text === undefined || text.trim() === '') {
      if (!lead.isEmpty()) this.block(lead);
      return;
    }
    const paragraphs = splitParagraphs(text);
    paragraphs.forEach((lines, i) => {
      const prose = i === 0 ? lead.say(' ') : new Prose();
      lines.forEach((line, j) => {
        if (j > 0) prose.breakLine();
        prose.words(line);
      });
      this.block(prose);
    });
  }

  /** `lead` on a line of its own, then the list items; or `lead` and the one paragraph that stands for them. */
  list(lead: Prose, items: Prose[] | Prose): void {
    if (!Array.isArray(items)) {
      this.block(lead.say(' ').join(items));
      return;
    }
    // A list may follow its lead line directly (it interrupts the paragraph).
    this.block(lead);
    for (const item of items) item.wrapInto(this.lines, '- ', '  ');
  }

  private block(prose: Prose): void {
    this.lines.push('');
    prose.wrapInto(this.lines, '', '');
  }

  text(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

/**
 * A paragraph being written: our own words (`say`: ASCII and one-column punctuation, already
 * Markdown), someone's words (`words`, `quoted`: escaped as they go in), and hard line breaks. Tracks
 * whether every character is one column wide, so most paragraphs wrap by counting characters.
 */
class Prose {
  /** Lines ended by a hard break so far; `text` is the line being written. */
  private readonly broken: string[] = [];
  private text = '';
  private simple = true;

  say(words: string): this {
    this.text += words;
    return this;
  }

  /** Someone's words on one line (any whitespace run becomes one space), escaped. */
  words(text: string, keepBreaks = false): this {
    if (keepBreaks && /[\r\n]/.test(text)) {
      splitParagraphs(text).forEach((lines, i) => {
        if (i > 0) this.breakLine();
        lines.forEach((line, j) => {
          if (j > 0) this.breakLine();
          this.words(line);
        });
      });
      return this;
    }
    if (!NEEDS_CARE.test(text)) {
      this.text += text.trim();
      return this;
    }
    const escaped = escapeInline(text.replace(SPACES, ' ').trim());
    if (this.simple && !oneColumnEach(escaped)) this.simple = false;
    this.text += escaped;
    return this;
  }

  /** Someone's words in double quotes. */
  quoted(text: string): this {
    return this.say('"').words(text).say('"');
  }

  /** A hard line break (a backslash at the end of the line). */
  breakLine(): this {
    this.broken.push(this.text);
    this.text = '';
    return this;
  }

  isEmpty(): boolean {
    return this.text === '' && this.broken.length === 0;
  }

  /** Appends another paragraph's text (one without hard breaks). */
  join(other: Prose): this {
    this.text += other.text;
    this.simple &&= other.simple;
    return this;
  }

  /** The paragraph wrapped to LINE_WIDTH, the first line after `first`, the rest after `rest`. */
  wrapInto(out: string[], first: string, rest: string): void {
    const broken = this.broken;
    for (let i = 0; i < broken.length; i++) {
      // A line that ends in a hard break has one column less: the backslash goes after it.
      wrapLine(broken[i]!, this.simple, LINE_WIDTH - 1, i === 0 ? first : rest, rest, out);
      out[out.length - 1] += '\\';
    }
    wrapLine(this.text, this.simple, LINE_WIDTH, broken.length === 0 ? first : rest, rest, out);
  }
}

/**
 * `line` wrapped at `width` columns, cutting only at spaces; a word longer than a line (a link) runs
 * over. Each line is given the start-of-line escape it needs.
 */
function wrapLine(line: string, simple: boolean, width: number, first: string, rest: string, out: string[]): void {
  let prefix = first;
  let remaining = line;
  if (simple) {
    for (;;) {
      remaining = escapeLineStart(remaining);
      const room = width - prefix.length;
      if (remaining.length <= room) break;
      let cut = remaining.lastIndexOf(' ', room);
      if (cut <= 0) cut = remaining.indexOf(' ', room);
      if (cut <= 0) break;
      // A run of spaces is cut whole: two left at a line's end would make a hard break.
      const head = remaining.charCodeAt(cut - 1) === 32 ? remaining.slice(0, cut).trimEnd() : remaining.slice(0, cut);
      out.push(prefix + head);
      remaining = remaining.charCodeAt(cut + 1) === 32 ? remaining.slice(cut + 1).trimStart() : remaining.slice(cut + 1);
      prefix = rest;
    }
    out.push(prefix + remaining);
    return;
  }
  // Some character is not one column wide: measure word by word.
  const words = remaining.split(' ');
  let current = '';
  let used = 0;
  for (const word of words) {
    if (word === '') continue;
    const size = oneColumnEach(word) ? word.length : displayWidth(word);
    if (current !== '' && prefix.length + used + 1 + size > width) {
      out.push(prefix + current);
      prefix = rest;
      current = '';
      used = 0;
    }
    if (current === '') {
      current = escapeLineStart(word);
      used = size + (current.length - word.length);
    } else {
      current += ` ${word}`;
      used += 1 + size;
    }
  }
  out.push(prefix + current);
}

// ── escaping ─────────────────────────────────────────────────────────────────────────────────

/**
 * Text that may need more than copying: anything but printable ASCII without the inline specials
 * (backslash, backtick, `*`, `_`, `[`, `<`, `&`, `|`, `~`) and one-column Latin letters. That is a
 * special, a character a terminal must not see raw (controls, format characters, lone surrogates),
 * a tab or line break, or anything from the combining marks up (which may not be one column wide).
 * Plain prose has none, and is copied.
 */
const NEEDS_CARE = /[^\x20-\x25\x27-\x29\x2b-\x3b\x3d-\x5a\x5d\x5e\x61-\x7b\x7d\xa0-\xac\xae-\u02ff]/;

/** Runs of spaces and tabs, shown as one space (other whitespace, such as U+FEFF, is shown escaped). */
const SPACES = /[ \t]+/g;

/** Characters that can start inline structure, checked one by one in escapeInline. */
const INLINE_SPECIAL = /[\\`*_[<&|~]/g;

/**
 * One line of someone's text for inside a paragraph: characters a terminal must not see raw are
 * shown as `<U+202E>` first (safeText), then the inline specials that would change the rendering get
 * a backslash.
 */
export function escapeInline(text: string): string {
  const shown = safeText(text);
  return shown.replace(INLINE_SPECIAL, (ch: string, at: number, all: string) => (needsEscape(ch, at, all) ? `\\${ch}` : ch));
}

function needsEscape(ch: string, at: number, all: string): boolean {
  switch (ch) {
    case '_':
      // Inside a word (snake_case) an underscore cannot open or close emphasis.
      return !(WORD_CHARACTER.test(all.charAt(at - 1)) && WORD_CHARACTER.test(all.charAt(at + 1)));
    case '<':
      // A tag, a comment, a declaration or an autolink: `<` then a letter, `/`, `!` or `?`.
      return /[A-Za-z/!?]/.test(all.charAt(at + 1));
    case '&':
      // Only an entity or character reference (&amp; &#35;) is read as anything but text.
      return ENTITY.test(all.slice(at, at + 34));
    case '~':
      // Strikethrough and fences need two.
      return all.charAt(at - 1) === '~' || all.charAt(at + 1) === '~';
    default:
      return true;
  }
}

const WORD_CHARACTER = /[\p{L}\p{N}]/u;
const ENTITY = /^&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;

/**
 * A line's start made inert: a heading (#), a quote (>), a list (- + or 1. 1)), a setext underline
 * or thematic break (= -). The other block starters (`*`, backticks, `~~`, `<`, `|`, `[`) are
 * already escaped wherever they are. Lines never start with spaces (they are cut at spaces).
 */
function escapeLineStart(line: string): string {
  const first = line.charCodeAt(0);
  // # + - = >
  if (first === 35 || first === 43 || first === 45 || first === 61 || first === 62) return `\\${line}`;
  if (first >= 48 && first <= 57) {
    const match = ORDERED_MARKER.exec(line);
    if (match) return `${match[1]}\\${line.slice(match[1]!.length)}`;
  }
  return line;
}

const ORDERED_MARKER = /^(\d{1,9})[.)]/;

/** Someone's text split into paragraphs (on blank lines), each a list of its lines; blank lines dropped. */
function splitParagraphs(text: string): string[][] {
  const paragraphs: string[][] = [];
  let current: string[] = [];
  for (const line of text.includes('\r') ? text.split(/\r\n|\r|\n/) : text.split('\n')) {
    if (line.trim() === '') {
      if (current.length > 0) paragraphs.push(current);
      current = [];
    } else current.push(line);
  }
  if (current.length > 0) paragraphs.push(current);
  return paragraphs;
}

/** Text for a heading: one line, every # escaped so none can close or open a heading. */
export function headingText(text: string): string {
  if (!NEEDS_CARE.test(text) && !text.includes('#')) return text.trim();
  const escaped = escapeInline(text.replace(/\s+/g, ' ').trim());
  return escaped.includes('#') ? escaped.replace(/#/g, '\\#') : escaped;
}

/** Someone's short text (a tag, a label, an id) escaped inline, on one line. */
function inline(text: string): string {
  return NEEDS_CARE.test(text) ? escapeInline(text.replace(SPACES, ' ').trim()) : text;
}

// ── the words of each pack, escaped once ─────────────────────────────────────────────────────

interface PackWords {
  /** Confounder labels, quoted as the person ticked them: "They saw very little of me". */
  confounders: ReadonlyMap<string, string>;
  reasons: ReadonlyMap<string, string>;
  extras: { id: string; label: string }[];
}

const PACK_WORDS = new WeakMap<Pack, PackWords>();

function packWords(pack: Pack): PackWords {
  let found = PACK_WORDS.get(pack);
  if (found === undefined) {
    found = {
      confounders: new Map(pack.confounders.map((c) => [c.id, `"${inline(c.label)}"`])),
      reasons: new Map(pack.notAboutMe.map((o) => [o.id, `"${inline(o.label)}"`])),
      extras: pack.extras.map((extra) => ({ id: extra.id, label: inline(extraLabel(extra.message)) })),
    };
    PACK_WORDS.set(pack, found);
  }
  return found;
}

/** The start of the line under each entry's heading: "Application". */
const KIND_META = Object.fromEntries(Object.entries(KIND_LABELS).map(([kind, label]) => [kind, capitalise(label)])) as Record<Kind, string>;

// ── the whole document ───────────────────────────────────────────────────────────────────────

/** The journal as one Markdown document: entries oldest first, a `##` heading for each month. */
export function* renderMarkdown(entries: Iterable<Entry>, settings: ExportSettings): Generator<string> {
  yield '# noisy journal\n\nWhat you wrote at the time, what the evidence could carry, what happened next.\n';
  // Each entry's own figures use its belief's bar, as the belief's picture does.
  const bars = beliefBars(settings.beliefs ?? []);
  let month = '';
  let count = 0;
  for (const entry of entries) {
    const entryMonth = entry.date.slice(0, 7);
    if (entryMonth !== month) {
      month = entryMonth;
      yield `\n## ${monthHeading(entry.date)}\n`;
    }
    yield `\n${renderEntryMarkdown(entry, settings.packs[entry.kind], 3, settings.packs, bars.get(entry.belief.id ?? '') ?? null)}`;
    count += 1;
  }
  if (count === 0) yield '\nNo entries to show.\n';
  // Parts about the journal as a whole (each belief across its entries, the attempts) come after
  // the entries, each from a function of its own.
  yield* renderBeliefsMarkdown(settings.pictures?.() ?? [], settings.today);
  yield* renderAttemptsMarkdown(settings.attempts?.() ?? []);
}

/**
 * Each belief across its entries (and attempts), as `noisy beliefs` says it (beliefParagraphs: the
 * same sentences), under its own heading; nothing when there are none.
 */
export function* renderBeliefsMarkdown(pictures: readonly BeliefPicture[], today?: string): Generator<string> {
  if (pictures.length === 0) return;
  const asOf = today === undefined ? '' : `, as of ${longDay(today)}`;
  const intro = new Page();
  intro.heading(2, 'Beliefs');
  intro.paragraph(new Prose().say(`Where all the evidence about each belief leaves a calibrated person${asOf}, next to where you were.`));
  yield `\n${intro.text()}`;
  for (const picture of pictures) {
    const page = new Page();
    page.heading(3, `"${headingText(picture.statement)}"`);
    page.paragraph(new Prose().say(`*id ${picture.id}*`));
    // The sentences of `noisy beliefs`, as one paragraph.
    page.paragraph(new Prose().say(beliefParagraphs(picture).join(' ')));
    yield `\n${page.text()}`;
  }
}

/** What was tried, as a list under its own heading (nothing when the ledger is empty). */
export function* renderAttemptsMarkdown(attempts: Iterable<Attempt>): Generator<string> {
  let first = true;
  for (const a of attempts) {
    if (first) yield '\n## Attempts\n\nWhat was tried or applied for, and how it ended.\n\n';
    first = false;
    const rate = a.rate === null ? 'rate unknown' : `${a.rate}% get through`;
    const outcome = a.outcome === 'pending' ? (a.expectReplyBy ? `pending, reply expected by ${a.expectReplyBy}` : 'pending') : `${a.outcome} on ${a.resolvedOn ?? '?'}`;
    const links = [a.beliefId ? `belief ${a.beliefId}` : '', a.entryId ? `entry ${a.entryId}` : ''].filter(Boolean).join(', ');
    const out: string[] = [];
    wrapLine(`${a.date}: ${escapeInline(a.title)} (${a.method}, ${rate}): ${outcome}${links ? `; ${links}` : ''}. \`${a.id}\``, false, LINE_WIDTH, '- ', '  ', out);
    yield `${out.join('\n')}\n`;
  }
}

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

/**
 * One entry as a file of its own: YAML front matter, then the entry with a top-level heading. The
 * front matter carries the model's figures the page leaves out: the likelihood ratio, both moves in
 * log-odds, the validity used and the ids of the modelling assumptions.
 */
export function renderEntryFile(entry: Entry, pack: Pack, packs?: Packs, bar: number | null = null): string {
  const w = warrantedFor(entry, bar);
  const front = [
    '---',
    `id: ${yamlString(entry.id)}`,
    `date: ${yamlString(entry.date)}`,
    `kind: ${yamlString(entry.kind)}`,
    `outcome: ${yamlString(entry.outcome)}`,
    `title: ${yamlString(entry.title)}`,
    `tags: [${entry.tags.map(yamlString).join(', ')}]`,
    `belief: ${yamlString(entry.belief.statement)}`,
    `belief_before: ${entry.belief.before}`,
    `belief_after: ${entry.belief.after}`,
    `warranted_belief: ${rounded(w.warrantedBelief, 1)}`,
    `warranted_range: [${rounded(w.warrantedRange.low, 1)}, ${rounded(w.warrantedRange.high, 1)}]`,
    `likelihood_ratio: ${rounded(w.likelihoodRatio, 3)}`,
    `log_odds_move: ${rounded(w.actualShift, 2)}`,
    `warranted_log_odds_move: ${rounded(w.warrantedShift, 2)}`,
    `validity: ${rounded(w.validity, 3)}`,
    `selection_rate: ${rounded(w.selectionRate, 1)}`,
    yamlList('assumptions', w.assumptions),
    `created: ${yamlString(entry.createdAt)}`,
    '---',
  ];
  return `${front.join('\n')}\n\n${renderEntryMarkdown(entry, pack, 1, packs, bar)}`;
}

/** `key: ["a", "b"]`, a flow sequence, continued on indented lines to stay within 80 columns. */
function yamlList(key: string, items: readonly string[]): string {
  const lines: string[] = [];
  let line = `${key}: [`;
  items.forEach((item, i) => {
    const piece = `${yamlString(item)}${i === items.length - 1 ? '' : ','}`;
    if (i > 0 && line.length + 1 + piece.length > LINE_WIDTH - 1) {
      lines.push(line);
      line = `  ${piece}`;
    } else line += `${i === 0 ? '' : ' '}${piece}`;
  });
  lines.push(`${line}]`);
  return lines.join('\n');
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

/** "20 November 2026" for 2026-11-20. */
export function longDay(day: string): string {
  const month = MONTHS[Number(day.slice(5, 7)) - 1];
  if (month === undefined || day.length !== 10) return inline(day);
  return `${Number(day.slice(8, 10))} ${month} ${day.slice(0, 4)}`;
}

function monthHeading(day: string): string {
  const [year, month] = day.split('-');
  return `${MONTHS[Number(month) - 1] ?? month} ${year}`;
}

function statePhrase(states: readonly State[]): string {
  const words = states.map((st) => (st === 'low-mood' ? 'in a low mood' : STATE_LABELS[st]));
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1) ?? ''}`;
}

function extraLabel(message: string): string {
  return message.replace(/\s*\(optional.*\)$/i, '').replace(/\?$/, '');
}

/** The full stop a sentence of someone's words needs, unless it ends in one of its own. */
function fullStopAfter(text: string): string {
  return /[.!?…。！？]["'”’)]?\s*$/.test(text) ? '' : '.';
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function roundHours(minutes: number): string {
  const hours = minutes / 60;
  return String(hours < 10 ? Math.round(hours * 10) / 10 : Math.round(hours));
}

function rounded(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

