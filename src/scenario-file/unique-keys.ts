import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';

const QUOTE = 0x22; // "
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b; // {
const CLOSE_OBJECT = 0x7d; // }
const OPEN_ARRAY = 0x5b; // [
const CLOSE_ARRAY = 0x5d; // ]
const COMMA = 0x2c;

/** An open object (its keys so far) or array, and where in it the scan is: for the path of a message. */
interface Open {
  readonly keys: Set<string> | undefined;
  /** The current key (object) or index (array). */
  at: string | number;
  /** In an object: the next string is a key. */
  expectKey: boolean;
}

/**
 * Refuses a JSON text in which an object has the same key twice. JSON.parse keeps the last of
 * them without a word, so a field written twice (a participant's `pv` given as a model and again
 * as a series, a tariff pasted twice) would silently lose a value. Run only over text JSON.parse
 * accepted. One pass, no recursion (a stack of the open objects and arrays, however deep), memory
 * in proportion to the text; keys are compared as JSON.parse reads them (`"a"` and `"\u0061"` are
 * the same key).
 *
 * @throws WattError INVALID_SCENARIO naming the file, the line and the field's path.
 */
export function checkKeysOnce(text: string, file: string, fn: string): void {
  const stack: Open[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      const top = stack[stack.length - 1];
      if (top?.keys !== undefined && top.expectKey) {
        const raw = text.slice(i + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(i, end + 1)) as string) : raw;
        if (top.keys.has(key)) {
          fail(ErrorCode.INVALID_SCENARIO, fn, `${file} line ${lineOf(text, i)}: the field ${pathOf(stack, key)} is written twice (JSON would keep only the last); remove one`);
        }
        top.keys.add(key);
        top.at = key;
        top.expectKey = false;
      }
      i = end;
    } else if (c === OPEN_OBJECT) {
      stack.push({ keys: new Set(), at: '', expectKey: true });
    } else if (c === OPEN_ARRAY) {
      stack.push({ keys: undefined, at: 0, expectKey: false });
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      stack.pop();
    } else if (c === COMMA) {
      const top = stack[stack.length - 1];
      if (top === undefined) continue;
      if (top.keys !== undefined) top.expectKey = true;
      else top.at = (top.at as number) + 1;
    }
  }
}

/** The index of the quote that closes the string opening at `start`. */
function stringEnd(text: string, start: number): number {
  let j = start + 1;
  for (;;) {
    const c = text.charCodeAt(j);
    if (c === QUOTE || Number.isNaN(c)) return j;
    j += c === BACKSLASH ? 2 : 1;
  }
}

/** The field's path, e.g. `participants[0].pv`: built only for the message, so the scan stays linear. */
function pathOf(stack: readonly Open[], key: string): string {
  let path = '';
  for (let k = 0; k < stack.length - 1; k++) {
    const at = (stack[k] as Open).at;
    path += typeof at === 'number' ? `[${at}]` : path === '' ? at : `.${at}`;
  }
  return path === '' ? key : `${path}.${key}`;
}

function lineOf(text: string, at: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
