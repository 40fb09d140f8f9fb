import { setPath } from '../core/fields.js';
import type { Store } from '../storage/store.js';
import type { AnswerStore } from './questions.js';

/** Answers given so far, as stored in the drafts table. */
export type Draft = Record<string, unknown>;

export function isObjectDraft(v: unknown): v is Draft {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Keeps every answer as it is given, and what is being typed, so Ctrl+C loses nothing. Used by
 * `reflect` (draft "reflect") and `followup` (draft "followup:<entry id>").
 */
export class DraftSession implements AnswerStore {
  private pending: { field: string; value: string } | null = null;

  constructor(
    private readonly store: Store,
    private readonly name: string,
    private readonly now: () => Date,
    readonly answers: Draft,
    /** False when an older draft was declined: it stays untouched unless this run is interrupted. */
    private readonly saveAsYouGo = true,
    /** Answers that alone are not worth offering back later (one keypress, like the kind). */
    private readonly trivial: readonly string[] = [],
  ) {}

  /** Tracks text as it is typed; `field` may be a path such as 'belief.statement'. */
  typing(field: string): (value: string) => void {
    return (value) => {
      this.pending = { field, value };
    };
  }

  /** Keeps an answer; `path` may name a field inside a group, such as 'belief.before'. */
  set(path: string, value: unknown): void {
    setPath(this.answers, path, value);
    this.pending = null;
    if (this.saveAsYouGo && this.worthKeeping()) this.save();
  }

  /**
   * On interrupt: saves what there is and returns whether anything was worth keeping. A draft with
   * only trivial answers is dropped, so "nothing was saved" stays true.
   */
  keep(): boolean {
    if (this.pending && this.pending.value.trim() !== '') setPath(this.answers, this.pending.field, this.pending.value);
    const worth = this.worthKeeping();
    if (worth) this.save();
    else if (this.saveAsYouGo) this.store.deleteDraft(this.name);
    return worth;
  }

  private worthKeeping(): boolean {
    return Object.keys(this.answers).some((k) => !this.trivial.includes(k));
  }

  private save(): void {
    this.store.saveDraft(this.name, this.answers, this.now());
  }
}
