// The smallest prompting interface the commands need. The real one wraps @inquirer/prompts
// (src/ui/inquirer-asker.ts, loaded lazily); tests use a scripted one. Every method rejects
// with InterruptedError when the person presses Ctrl+C, and, for a question asked with
// `back: true`, with StepBack when they press Esc.

/** The person asked to go back to the previous question (Esc). */
export class StepBack extends Error {
  constructor() {
    super('Go back one question.');
    this.name = 'StepBack';
  }
}

/** Every question may offer a way back to the one before it. */
interface Question {
  /** Esc goes back: the answer is rejected with StepBack. */
  back?: boolean;
}

export interface Choice<T extends string> {
  value: T;
  name: string;
  description?: string;
}

export interface TextQuestion extends Question {
  message: string;
  default?: string;
  /**
   * True (the default): the default is put in the line, ready to edit (drafts, text to adjust).
   * False: it is a suggestion (a date such as "today"): Enter takes it, typing replaces it.
   */
  editable?: boolean;
  /** Several lines (paragraphs) rather than one. */
  multiline?: boolean;
  /** Returns an error message, or null when the value is fine. */
  validate?: (value: string) => string | null;
  /** Called with what is typed so far, so an interrupted answer can be kept as a draft. */
  onChange?: (value: string) => void;
}

export interface NumberQuestion extends Question {
  message: string;
  default?: number;
  /** The range the question offers; `validate` has the last word (with its own message). */
  min: number;
  max: number;
  /** May be left empty (returns null). */
  optional?: boolean;
  /** Returns an error message, or null when the value is fine. */
  validate?: (value: number | null) => string | null;
}

export interface SelectQuestion<T extends string> extends Question {
  message: string;
  choices: readonly Choice<T>[];
  default?: T;
}

export interface CheckboxQuestion<T extends string> extends Question {
  message: string;
  choices: readonly Choice<T>[];
  checked?: readonly T[];
  /** Returns an error message, or null when the ticks are fine. */
  validate?: (value: readonly T[]) => string | null;
}

export interface ConfirmQuestion extends Question {
  message: string;
  default?: boolean;
}

export interface Asker {
  text(question: TextQuestion): Promise<string>;
  number(question: NumberQuestion & { optional: true }): Promise<number | null>;
  number(question: NumberQuestion): Promise<number>;
  select<T extends string>(question: SelectQuestion<T>): Promise<T>;
  checkbox<T extends string>(question: CheckboxQuestion<T>): Promise<T[]>;
  confirm(question: ConfirmQuestion): Promise<boolean>;
}
