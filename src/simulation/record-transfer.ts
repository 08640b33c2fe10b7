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
  /** The batteries' states of charge: Float64Arrays in the record itself, sent as they are. */
  readonly batteries?: RunRecord['batteries'];
}

/**
 * `record` ready to post from a worker thread: every array of numbers of at least
 * {@link MIN_PACKED} elements (the per-interval series, 35,040 values each for a year) is moved into a Float64Array whose buffer is transferred, not
 * copied. A structured clone writes and reads such an array value by value: for a district year
 * that was about a second on the main thread, after the workers had finished. Exact: a double
 * holds every JavaScript number (-0 and NaN included), and {@link unpackRecord} gives back arrays
 * equal element for element. An array with a hole or a value that is not a number is left as it is.
 * The batteries' states of charge are Float64Arrays already (RunRecord.batteries): their buffers
 * go as they are, beside the packed rest.
 * @returns the message and the buffers to transfer with it (`postMessage(message, transfer)`).
 */
export function packRecord(record: RunRecord): { message: PackedRecord; transfer: ArrayBuffer[] } {
  const transfer: ArrayBuffer[] = [];
  // The rest is packed whatever its shape: only the batteries are known (and may be absent).
  const { batteries, ...rest } = record as Omit<RunRecord, 'batteries'> & Partial<Pick<RunRecord, 'batteries'>>;
  if (batteries === undefined) return { message: { packed: pack(rest, transfer) }, transfer };
  // Each state-of-charge array has a buffer of its own (newRecord): moved, not copied.
  for (const b of batteries) transfer.push(b.soc.buffer as ArrayBuffer);
  return { message: { packed: pack(rest, transfer), batteries }, transfer };
}

/**
 * The record {@link packRecord} packed, with plain arrays again, and the batteries' states of
 * charge as the Float64Arrays they were: buildResult reads them once, into the result's rounded
 * arrays (a plain copy first took about 0.2 s of a district year on the main thread).
 */
export function unpackRecord(message: PackedRecord): RunRecord {
  const record = unpack(message.packed) as RunRecord;
  if (message.batteries !== undefined) record.batteries = message.batteries.map((b) => ({ id: b.id, soc: b.soc }));
  return record;
}

function pack(value: unknown, transfer: ArrayBuffer[]): unknown {
  if (Array.isArray(value)) {
    const list = value as readonly unknown[];
    const f = list.length >= MIN_PACKED ? numbers(list) : undefined;
    if (f !== undefined) {
      transfer.push(f.buffer as ArrayBuffer);
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

/**
 * The elements in a Float64Array, or undefined when one is not a number (a hole reads as
 * undefined: not one). One pass, written by index (Float64Array.from goes through the iterator).
 */
function numbers(list: readonly unknown[]): Float64Array | undefined {
  const n = list.length;
  const f = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = list[i];
    if (typeof v !== 'number') return undefined;
    f[i] = v;
  }
  return f;
}
