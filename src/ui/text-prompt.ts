import {
  createPrompt,
  isBackspaceKey,
  isEnterKey,
  makeTheme,
  useEffect,
  useKeypress,
  usePrefix,
  useState,
  type Status,
} from '@inquirer/core';
import { safeText } from './terminal-safe.js';

export interface TextPromptConfig {
  message: string;
  /** The answer when Enter is pressed on an empty line; shown dimmed, and typing replaces it. */
  default?: string;
  /** Put the default in the line ready to edit instead (resumed drafts, text meant to be edited). */
  editable?: boolean;
  /** Enter starts a new line; Enter on an empty line finishes. */
  multiline?: boolean;
  validate?: (value: string) => string | null;
  /**
   * Called with the whole text after every key, so an interrupted answer is never lost. After Enter
   * starts a new line, the text ends with that line break, so a draft picked up later goes on
   * below it rather than glued to the end of the last line.
   */
  onChange?: (value: string) => void;
  /** Esc goes back to the previous question (handled by the caller); the hint says so. */
  back?: boolean;
}

/**
 * A text prompt like @inquirer/input, with two things it lacks: several lines, and an onChange
 * hook that lets `reflect` keep what was typed when the person presses Ctrl+C.
 */
export const textPrompt = createPrompt<string, TextPromptConfig>((config, done) => {
  const theme = makeTheme({});
  const [status, setStatus] = useState<Status>('idle');
  const [lines, setLines] = useState<string[]>([]);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  // A suggestion (not editable) stands until the person types, then it is gone for good.
  const [suggestion, setSuggestion] = useState(config.editable ? '' : (config.default ?? ''));
  const prefix = usePrefix({ status, theme });
  const whole = (current: string, before: string[] = lines) => [...before, current].join('\n').replace(/\n+$/, '');

  useEffect((rl) => {
    const initial = config.editable ? (config.default ?? '') : '';
    if (!initial) return;
    if (config.multiline) {
      // A default ending in a line break (a draft stopped on a fresh line) starts on a new line.
      const all = initial.split('\n');
      const last = all.pop() ?? '';
      setLines(all);
      rl.write(last);
      setValue(last);
    } else {
      rl.write(initial);
      setValue(initial);
    }
  }, []);

  useKeypress((key, rl) => {
    if (status !== 'idle') return;
    if (isEnterKey(key)) {
      if (config.multiline && value !== '') {
        const next = [...lines, value];
        setLines(next);
        setValue('');
        config.onChange?.([...next, ''].join('\n'));
        return;
      }
      const typed = config.multiline ? whole('') : value;
      const answer = typed === '' && suggestion ? suggestion : typed;
      const problem = config.validate?.(answer) ?? null;
      if (problem) {
        rl.write(value);
        setError(problem);
        return;
      }
      if (typed === '') setValue(answer);
      setStatus('done');
      done(answer);
      return;
    }
    if (config.multiline && isBackspaceKey(key) && value === '' && rl.line === '' && lines.length > 0) {
      // Step back into the previous line to edit it.
      const previous = lines[lines.length - 1] ?? '';
      setLines(lines.slice(0, -1));
      rl.write(previous);
      setValue(previous);
      return;
    }
    setValue(rl.line);
    if (rl.line !== '') setSuggestion('');
    setError(undefined);
    config.onChange?.(config.multiline ? [...lines, rl.line].join('\n') : rl.line);
  });

  const message = theme.style.message(config.message, status);
  // What was typed or pasted is drawn with unsafe characters shown escaped (a pasted bidi control
  // would otherwise reorder the line); the answer itself is left as typed, for validation to judge.
  if (status === 'done') {
    const answer = safeText(whole(value));
    const shown = answer.includes('\n') ? `${answer.split('\n')[0]} …` : answer;
    return `${prefix} ${message} ${theme.style.answer(shown)}`;
  }
  // The hint gets its own line so long questions stay readable in 80 columns.
  const hint = config.multiline
    ? theme.style.help(`  (Enter starts a new line; Enter on an empty line finishes${config.back ? '; Esc goes back' : ''})`)
    : '';
  const shownValue = value === '' && suggestion ? theme.style.defaultAnswer(safeText(suggestion)) : safeText(value);
  const body = config.multiline ? [...lines.map((l) => `  ${safeText(l)}`), `  ${shownValue}`].join('\n') : shownValue;
  const top = config.multiline ? `${prefix} ${message}\n${hint}\n${body}` : `${prefix} ${message} ${body}`;
  return [top, error ? theme.style.error(error) : ''];
});
