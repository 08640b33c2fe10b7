import { Decimal } from 'decimal.js';
import { describeValue } from '../errors/describe-value.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';

/** How deep options may nest: a bound, so a cyclic object cannot make the walk loop. */
const MAX_DEPTH = 16;

/**
 * The options a market or ledger was built with, as canonical JSON: keys sorted, Decimals as
 * their exact text, the keys in `omit` (the clock, the store) left out. Two option objects that
 * build the same state give the same text, so a store can refuse options that differ from the
 * ones it was written with. A custom object with methods (a custom mechanism) is kept by its
 * `name`.
 * @throws WattError INVALID_OPTION for a value that cannot be kept (a function, a class instance
 *   without a name, a cycle or nesting deeper than 16).
 */
export function canonicalOptions(options: object, omit: readonly string[], fn: string): string {
  const top: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(options)) if (!omit.includes(k) && v !== undefined) top[k] = v;
  return JSON.stringify(canonical(top, fn, 'options', 0));
}

function canonical(value: unknown, fn: string, path: string, depth: number): unknown {
  if (depth > MAX_DEPTH) fail(ErrorCode.INVALID_OPTION, fn, `${path} nests deeper than ${MAX_DEPTH} levels and cannot be stored`);
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) fail(ErrorCode.INVALID_OPTION, fn, `${path} is ${describeValue(value)}, which cannot be stored`);
    return value;
  }
  if (Decimal.isDecimal(value)) return { $decimal: value.toString() };
  if (Array.isArray(value)) return value.map((v, i) => canonical(v, fn, `${path}[${i}]`, depth + 1));
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const proto = Object.getPrototypeOf(o) as unknown;
    const hasMethods = Object.values(o).some((v) => typeof v === 'function');
    if (hasMethods || (proto !== Object.prototype && proto !== null)) {
      if (typeof o['name'] === 'string') return { $custom: o['name'] };
      fail(ErrorCode.INVALID_OPTION, fn, `${path} is ${describeValue(value)}, which a store cannot record: give it a string 'name' or leave it out`);
    }
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o).sort()) if (o[k] !== undefined) out[k] = canonical(o[k], fn, `${path}.${k}`, depth + 1);
    return out;
  }
  return fail(ErrorCode.INVALID_OPTION, fn, `${path} is ${describeValue(value)}, which a store cannot record`);
}

/** The first top-level option whose canonical text differs, for a STORE_MISMATCH message. */
export function firstDifference(stored: string, given: string): string {
  let a: Record<string, unknown>;
  let b: Record<string, unknown>;
  try {
    a = JSON.parse(stored) as Record<string, unknown>;
    b = JSON.parse(given) as Record<string, unknown>;
  } catch {
    return 'options';
  }
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = k in a ? JSON.stringify(a[k]) : 'absent';
    const y = k in b ? JSON.stringify(b[k]) : 'absent';
    if (x !== y) return `option '${k}' (stored ${x}, given ${y})`;
  }
  return 'options';
}
