import type { RunRecord } from './run-record.js';

/**
 * Arrays shorter than this are cloned as they are: a typed array (and its buffer) for a short
 * array costs more than the copy it saves.
 */
const MIN_PACKED = 1024;

/**
 * A record in the form a worker thread posts it ({@link packRecord}): the record's plain data,
 * with its long arrays of numbers as Float64Arrays.
 */
export interface PackedRecord {
  readonly packed: unknown;
}

/**
 * `record` ready to post from a worker thread: every array of numbers of at least
 * {@link MIN_PACKED} elements (the per-interval series and batteries' states of charge, some
 * 35,040 values each for a year) is moved into a Float64Array whose buffer is transferred, not
 * copied. A structured clone writes and reads such an array value by value: for a district year
 * that was about a second on the main thread, after the workers had finished. Exact: a double
 * holds every JavaScript number (-0 and NaN included), and {@link unpackRecord} gives back arrays
 * equal element for element. An array with a hole or a value that is not a number is left as it is.
 * @returns the message and the buffers to transfer with it (`postMessage(message, transfer)`).
 */
export function packRecord(record: RunRecord): { message: PackedRecord; transfer: ArrayBuffer[] } {
  const transfer: ArrayBuffer[] = [];
  return { message: { packed: pack(record, transfer) }, transfer };
}

/** The record {@link packRecord} packed, with plain arrays again. */
export function unpackRecord(message: PackedRecord): RunRecord {
  return unpack(message.packed) as RunRecord;
}

function pack(value: unknown, transfer: ArrayBuffer[]): unknown {
  if (Array.isArray(value)) {
    const list = value as readonly unknown[];
    if (list.length >= MIN_PACKED && allNumbers(list)) {
      const f = Float64Array.from(list as readonly number[]);
      transfer.push(f.buffer);
      return f;
    }
    return list.map((v) => pack(v, transfer));
  }
  // Object.fromEntries defines its keys (a metric or zone named '__proto__' stays a key).
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, pack(v, transfer)]));
  return value;
}

function unpack(value: unknown): unknown {
  // Not instanceof: a message is read in the realm of the thread's port, which may not be the
  // library's (Jest, vitest's vm pools and node:vm sandboxes load it in a realm of their own).
  if (Object.prototype.toString.call(value) === '[object Float64Array]') return plainArray(value as Float64Array);
  if (Array.isArray(value)) return (value as readonly unknown[]).map(unpack);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unpack(v)]));
  return value;
}

/**
 * The values of `f` in a plain array, made at its full length and then written: Array.from (the
 * iterator) and push (growing the array) each took about three times as long.
 */
function plainArray(f: Float64Array): number[] {
  const n = f.length;
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = f[i] as number;
  return out;
}

/** Whether every element is a number (a hole reads as undefined: not one). */
function allNumbers(list: readonly unknown[]): boolean {
  for (let i = 0; i < list.length; i++) if (typeof list[i] !== 'number') return false;
  return true;
}
