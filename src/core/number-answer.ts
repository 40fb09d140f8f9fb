// What people type at a number question, read the way they meant it: "65%", "~65", "65 percent",
// " 65 " are 65; "not sure", "idk", "don't know" (and an empty answer) skip a question that may be
// skipped. Pure: the prompts (src/ui) call it, and so could anything else that reads typed numbers.

export type NumberAnswer =
  /** A number, as typed (the question checks its range). */
  | { kind: 'number'; value: number }
  /** Nothing, or a way of saying "I don't know". */
  | { kind: 'skip' }
  /** Something that is neither. */
  | { kind: 'invalid' };

/** Ways of saying "I don't know", compared without case, apostrophes or a final full stop. */
export const DONT_KNOW = ['not sure', 'unsure', 'idk', 'dk', 'dont know', 'i dont know', 'no idea', 'dunno', 'unknown', 'skip', '?', 'n/a', 'na', '-'];

/** Words before a number that only say it is rough: "about 65", "~65", "roughly 60". */
const ROUGHLY = /^(?:~|≈|about|around|roughly|approximately|approx\.?|maybe|circa|ca\.?|c\.)\s*/u;
/** Words after a number that say it is a percentage: "65%", "65 percent", "65 pct". */
const PERCENT = /\s*(?:%|％|percent|per cent|pct)$/u;
/** 3,000 or 1,250,000: commas between thousands. */
const THOUSANDS = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

export function readNumberAnswer(typed: string): NumberAnswer {
  const text = typed.normalize('NFKC').trim().toLowerCase();
  if (text === '') return { kind: 'skip' };
  const words = text.replace(/['’`]/g, '').replace(/\.$/, '').replace(/\s+/g, ' ');
  if (DONT_KNOW.includes(words)) return { kind: 'skip' };
  let number = text.replace(ROUGHLY, '').replace(PERCENT, '').trim();
  if (THOUSANDS.test(number)) number = number.replace(/,/g, '');
  else if (/^[+-]?\d+,\d+$/.test(number)) number = number.replace(',', '.');
  if (!NUMBER.test(number)) return { kind: 'invalid' };
  const value = Number(number);
  return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'invalid' };
}
