// Reads one large JSON document as it streams in (@streamparser/json), handing over the values the
// caller asked for as each one completes and then letting it go, so memory stays flat however
// large the document is. `noisy import` reads whole journals' backups this way.
import { TokenParser, TokenParserError, Tokenizer, TokenizerError, TokenType, type ParsedTokenInfo } from '@streamparser/json';
import type { JsonType } from '../core/export-document.js';
import { UsageError } from '../errors.js';
import type { Context } from './context.js';
import { readInputChunks } from './io.js';

export interface JsonReaderHandlers {
  /**
   * The values to hand over, as @streamparser/json selectors: `$.format` (a top-level field),
   * `$.entries.*` (each item of a top-level list). Selected values are dropped from their parent
   * once handed over; everything else is dropped as soon as it is complete.
   */
  paths: string[];
  /** The type of the whole document, as soon as its first token is read. */
  onRoot(type: JsonType): void;
  /** Each key of a top-level object, with the type its value starts with, before the value is read. */
  onKey(key: string, type: JsonType): void;
  /**
   * A selected value: its key (a field name, or an index in a list), its depth (1: a top-level
   * field) and the key of what holds it (`entries` for `$.entries.3`).
   */
  onValue(value: unknown, key: string | number, depth: number, parent: string | number | undefined): void;
}

/**
 * Reads the JSON document in `source` (a file, or '-' for standard input), calling the handlers
 * as it goes. Malformed JSON or text that is not UTF-8 is a UsageError naming the file; `example`
 * says where to see the expected shape.
 */
export async function readJsonStream(ctx: Context, source: string, what: string, example: string, handlers: JsonReaderHandlers): Promise<void> {
  const shown = source === '-' ? 'standard input' : source;
  const tokenizer = new Tokenizer();
  const parser = new TokenParser({ paths: handlers.paths, keepStack: false });
  const shape = new TopLevelShape(handlers);
  let offset = 0;
  tokenizer.onToken = (token) => {
    offset = token.offset;
    shape.see(token);
    parser.write(token);
  };
  parser.onValue = ({ value, key, stack }) => {
    if (key !== undefined) handlers.onValue(value, key, stack.length, stack[stack.length - 1]?.key);
  };
  parser.onError = (error) => tokenizer.error(error);
  try {
    for await (const chunk of readInputChunks(ctx, source, what)) tokenizer.write(chunk);
    if (!tokenizer.isEnded) tokenizer.end();
    if (!shape.seenAnything) return;
    if (!parser.isEnded) parser.end();
  } catch (error) {
    if (error instanceof UsageError || !isParseError(error)) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') {
      throw new UsageError(`The ${what} in ${shown} is not valid UTF-8 text.`, ['Save the file as UTF-8 and try again.']);
    }
    throw new UsageError(`The ${what} in ${shown} is not valid JSON: ${parseProblem(error as Error, offset)}.`, [`See ${example} for the expected shape.`]);
  }
}

/** The parser's message in a few words, with where (a byte offset, from 0). */
function parseProblem(error: Error, lastTokenOffset: number): string {
  if (/^(Parser|Tokenizer) ended/.test(error.message)) return 'it ends before the document does (cut short?)';
  // The tokenizer: `Unexpected "x" at chunk position "3" (absolute position "51") in state START.`
  const character = /^Unexpected "(.*)" at .*absolute position "(\d+)"/.exec(error.message);
  if (character) return `unexpected ${JSON.stringify(character[1])} at byte ${character[2]}`;
  // The token parser: `Unexpected STRING ("a") in state COMMA`; the token is the last one read.
  const token = /^Unexpected \w+ \((.*)\) in state/.exec(error.message);
  if (token) return `unexpected ${token[1]} at byte ${lastTokenOffset}`;
  return error.message.replace(/\.$/, '');
}

/** Errors of the tokenizer and token parser (and the UTF-8 decoder they use), not of the handlers. */
function isParseError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if ((error as NodeJS.ErrnoException).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') return true;
  if (error instanceof TokenizerError || error instanceof TokenParserError) return true;
  // A document cut short is reported by a plain Error from end().
  return error.constructor === Error && /^(Parser|Tokenizer) ended/.test(error.message);
}

const START_TYPES: Partial<Record<TokenType, JsonType>> = {
  [TokenType.LEFT_BRACE]: 'object',
  [TokenType.LEFT_BRACKET]: 'list',
  [TokenType.STRING]: 'text',
  [TokenType.NUMBER]: 'number',
  [TokenType.TRUE]: 'boolean',
  [TokenType.FALSE]: 'boolean',
  [TokenType.NULL]: 'null',
};

/**
 * Follows the tokens to report what the token parser can't once it has dropped what it read: the
 * document's type and the keys of the top-level object. A string at depth 1 right after `{` or `,`
 * is a key; the token after its colon starts the value.
 */
class TopLevelShape {
  private depth = 0;
  private expectKey = false;
  private key: string | null = null;
  private valueNext = false;
  private inObject = false;
  seenAnything = false;

  constructor(private readonly handlers: Pick<JsonReaderHandlers, 'onRoot' | 'onKey'>) {}

  see({ token, value }: Omit<ParsedTokenInfo, 'offset'>): void {
    if (token === TokenType.SEPARATOR) return;
    if (!this.seenAnything) {
      this.seenAnything = true;
      this.inObject = token === TokenType.LEFT_BRACE;
      this.handlers.onRoot(START_TYPES[token] ?? 'null');
    }
    if (this.depth === 1 && this.inObject) {
      if (this.valueNext) {
        this.valueNext = false;
        const type = START_TYPES[token];
        if (this.key !== null && type !== undefined) this.handlers.onKey(this.key, type);
      } else if (this.expectKey && token === TokenType.STRING) {
        this.key = value as string;
      } else if (token === TokenType.COLON && this.key !== null) {
        this.valueNext = true;
      }
      this.expectKey = token === TokenType.COMMA;
    }
    if (token === TokenType.LEFT_BRACE || token === TokenType.LEFT_BRACKET) {
      this.depth += 1;
      if (this.depth === 1) this.expectKey = this.inObject;
    } else if (token === TokenType.RIGHT_BRACE || token === TokenType.RIGHT_BRACKET) {
      this.depth -= 1;
    }
  }
}
