import { Decimal } from 'decimal.js';
import { describeValue } from '../errors/describe-value.js';

// A command that reads its input once and then checks it (docs/market.md, "User code inside a
// command") must not let a field's *value* run user code during the checks. A field holding an
// object can: a Decimal wrapped in a Proxy or a Decimal-like object (Decimal.isDecimal accepts
// either) runs its traps or methods when the value is parsed (isFinite, toString), and any object
// runs user code when an error message describes it (String(value)). inertInput does all of that
// reading at once, in the read step, and hands the checks a value of the library's own making.

/**
 * A Decimal-like snapshot: Decimal.isDecimal accepts it (by its `toStringTag`, as it accepts any
 * Decimal of another Decimal constructor), and its methods give back what the user's value gave
 * when it was read. Null prototype: nothing of it is inherited, so nothing of it is user code.
 */
function decimalSnapshot(finite: boolean, text: string): object {
  return Object.freeze(Object.assign(Object.create(null) as object, {
    toStringTag: '[object Decimal]',
    isFinite: (): boolean => finite,
    toString: (): string => text,
  }));
}

/** A plain object that is no number: it describes itself as the user's value did (in messages). */
function described(shown: string): object {
  return Object.freeze(Object.assign(Object.create(null) as object, { toString: (): string => shown }));
}

const AN_ARRAY: readonly unknown[] = Object.freeze([]);

/**
 * A field's value as a command's checks may use it without running user code: a primitive as it
 * is; an object (a Decimal, a Proxy, a Decimal-like object, anything else) replaced by an inert
 * snapshot, read now, which every check (toSteps and the value checks, describeValue in their
 * messages) treats exactly as it would have treated the value read at that moment: the same
 * error code, reason and message, the same count of steps. Call it in the read step, once per
 * field; it runs the value's user code (isFinite, toString, a Proxy's traps) here, once.
 * @throws whatever the value's own code throws (as the checks would have).
 * @internal
 */
export function inertInput(value: unknown): unknown {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return value;
  // Array.isArray sees through a Proxy without a trap; describeValue names any array so.
  if (Array.isArray(value)) return AN_ARRAY;
  if (Decimal.isDecimal(value)) {
    // What parseExactDecimal reads (isFinite, then the text) and what describeValue prints (the
    // text): one reading of each.
    const d = value as { isFinite(): boolean; toString(): string };
    const finite = d.isFinite();
    const text = d.toString();
    // Text that is no string would be converted (user code again, later): a value that is no number.
    if (typeof text !== 'string') return described('a Decimal-like object whose toString() gives no string');
    return decimalSnapshot(finite, text);
  }
  // Not a number (NOT_A_NUMBER, or the field's own type error): only its description remains.
  return described(describeValue(value));
}
