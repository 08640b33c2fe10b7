import { crc32 } from '../store/crc32.js';

/**
 * The on-disk form of one record: a 16-byte header (payload length, sequence number as two
 * 32-bit halves, CRC-32 of those 12 bytes), the UTF-8 payload, and the CRC-32 of the payload.
 * The header has its own checksum so that a length is trusted only when it is intact: then a
 * record that runs past the end of the file is a torn write (a prefix of a write that a crash cut
 * short), while a complete record with a bad checksum is damage.
 */
export const HEADER_BYTES = 16;
/** The trailing payload checksum. */
export const TRAILER_BYTES = 4;
/** The largest payload: a sanity bound so a damaged length can never ask for gigabytes. */
export const MAX_PAYLOAD = 256 * 1024 * 1024;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Encodes `records` into one buffer, ready for a single write. */
export function encodeRecords(records: readonly { readonly sequence: number; readonly payload: string }[]): Uint8Array {
  const bodies = records.map((r) => encoder.encode(r.payload));
  let total = 0;
  for (const b of bodies) total += HEADER_BYTES + b.length + TRAILER_BYTES;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let at = 0;
  for (let i = 0; i < records.length; i++) {
    const body = bodies[i] as Uint8Array;
    const sequence = (records[i] as { sequence: number }).sequence;
    view.setUint32(at, body.length, true);
    view.setUint32(at + 4, Math.floor(sequence / 2 ** 32), true);
    view.setUint32(at + 8, sequence >>> 0, true);
    view.setUint32(at + 12, crc32(out, at, at + 12), true);
    out.set(body, at + HEADER_BYTES);
    const end = at + HEADER_BYTES + body.length;
    view.setUint32(end, crc32(out, at + HEADER_BYTES, end), true);
    at = end + TRAILER_BYTES;
  }
  return out;
}

/** What {@link decodeRecords} found. */
export interface DecodeResult {
  /** Bytes of good records from the start. */
  readonly goodBytes: number;
  /**
   * `'clean'`: the data ends after a good record; `'torn'`: it ends inside a record whose header
   * is intact or too short to hold a header, or in bytes that are all zero (what a crash during a
   * write leaves); `'corrupt'`: a complete record or header fails its checksum.
   */
  readonly end: 'clean' | 'torn' | 'corrupt';
  /** Where the damage is, for `'corrupt'`. */
  readonly detail: string;
}

/**
 * Decodes records from `data` in order, calling `visit` for each good one; stops at the first bad
 * byte. Records up to `skipThrough` (ones a checkpoint covers) are passed with an undefined
 * payload: their headers are checked (the walk needs their lengths) but their payloads are neither
 * checked nor decoded, since recovery does not use them.
 */
export function decodeRecords(data: Uint8Array, visit: (sequence: number, payload: string | undefined) => void, skipThrough = -1): DecodeResult {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let at = 0;
  while (at < data.length) {
    const left = data.length - at;
    if (allZero(data, at)) return { goodBytes: at, end: 'torn', detail: '' };
    if (left < HEADER_BYTES) return { goodBytes: at, end: 'torn', detail: '' };
    if (view.getUint32(at + 12, true) !== crc32(data, at, at + 12)) return { goodBytes: at, end: 'corrupt', detail: `a record header at byte ${at} fails its checksum` };
    const length = view.getUint32(at, true);
    const sequence = view.getUint32(at + 4, true) * 2 ** 32 + view.getUint32(at + 8, true);
    if (length > MAX_PAYLOAD) return { goodBytes: at, end: 'corrupt', detail: `a record at byte ${at} claims ${length} bytes` };
    const end = at + HEADER_BYTES + length;
    if (end + TRAILER_BYTES > data.length) return { goodBytes: at, end: 'torn', detail: '' };
    if (sequence <= skipThrough) {
      visit(sequence, undefined);
      at = end + TRAILER_BYTES;
      continue;
    }
    if (view.getUint32(end, true) !== crc32(data, at + HEADER_BYTES, end)) return { goodBytes: at, end: 'corrupt', detail: `record ${sequence} at byte ${at} fails its checksum` };
    let payload: string;
    try {
      payload = decoder.decode(data.subarray(at + HEADER_BYTES, end));
    } catch {
      return { goodBytes: at, end: 'corrupt', detail: `record ${sequence} at byte ${at} is not UTF-8` };
    }
    visit(sequence, payload);
    at = end + TRAILER_BYTES;
  }
  return { goodBytes: at, end: 'clean', detail: '' };
}

function allZero(data: Uint8Array, from: number): boolean {
  for (let i = from; i < data.length; i++) if (data[i] !== 0) return false;
  return true;
}
