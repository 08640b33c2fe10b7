/** Parsers of the command line's lists and ranges: each returns the values or a message saying what is wrong. */

/** The most entries one list or range on the command line may expand to. */
export const MAX_LIST = 100_000;

/** A parse outcome: the values, or an error message for the user. */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

const INTEGER = /^-?\d+$/;

/**
 * Seeds as `1..20` (inclusive), `1,5,9`, or both (`1..3,10`): whole numbers (safe integers),
 * each at most once, at most {@link MAX_LIST}.
 */
export function parseSeedList(text: string, option: string): Parsed<number[]> {
  const seeds: number[] = [];
  for (const part of text.split(',')) {
    const range = /^(-?\d+)\.\.(-?\d+)$/.exec(part);
    if (range !== null) {
      const from = Number(range[1]);
      const to = Number(range[2]);
      if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || to < from) return refuse(option, text, `'${part}' must be FROM..TO with whole numbers, FROM <= TO`);
      if (to - from + 1 + seeds.length > MAX_LIST) return refuse(option, text, `more than ${MAX_LIST} seeds`);
      for (let s = from; s <= to; s++) seeds.push(s);
    } else if (INTEGER.test(part) && Number.isSafeInteger(Number(part))) {
      seeds.push(Number(part));
    } else {
      return refuse(option, text, `'${part}' is not a whole number or a range FROM..TO`);
    }
    if (seeds.length > MAX_LIST) return refuse(option, text, `more than ${MAX_LIST} seeds`);
  }
  const dup = seeds.find((s, i) => seeds.indexOf(s) !== i);
  if (dup !== undefined) return refuse(option, text, `seed ${dup} is listed twice`);
  return { ok: true, value: seeds };
}

/** A comma-separated list of words, each from `allowed` when given, none empty or repeated. */
export function parseWordList(text: string, option: string, allowed?: readonly string[], noun = 'value'): Parsed<string[]> {
  const words = text.split(',');
  if (words.length > MAX_LIST) return refuse(option, text, `more than ${MAX_LIST} entries`);
  for (const [i, w] of words.entries()) {
    if (w === '') return refuse(option, text, 'an entry is empty');
    if (allowed !== undefined && !allowed.includes(w)) return refuse(option, text, `unknown ${noun} '${w}' (known: ${allowed.join(', ')})`);
    if (words.indexOf(w) !== i) return refuse(option, text, `'${w}' is listed twice`);
  }
  return { ok: true, value: words };
}

/** A comma-separated list of decimal numbers (`0.5,1,2`), each finite, at least `min`, none repeated; kept as text (exact). */
export function parseNumberList(text: string, option: string, min: number): Parsed<string[]> {
  const words = parseWordList(text, option);
  if (!words.ok) return words;
  for (const w of words.value) {
    if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(w)) return refuse(option, text, `'${w}' is not a decimal number`);
    if (Number(w) < min) return refuse(option, text, `'${w}' is below ${min}`);
  }
  return words;
}

/** A whole number from `min` to `max`. */
export function parseWhole(text: string, option: string, min: number, max: number): Parsed<number> {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) return { ok: false, message: `--${option} must be a whole number from ${min} to ${max}; got '${text}'` };
  return { ok: true, value: n };
}

function refuse<T>(option: string, text: string, why: string): Parsed<T> {
  return { ok: false, message: `--${option} '${text}': ${why}` };
}
