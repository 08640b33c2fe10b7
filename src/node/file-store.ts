import { ErrorCode } from '../errors/error-codes.js';
import { WattError } from '../errors/watt-error.js';
import { firstDifference } from '../store/canonical-options.js';
import type { CommandStore, StoredCheckpoint, StoredRecord, StoreIdentity, StoreRecovery } from '../store/store-types.js';
import { decodeRecords, encodeRecords } from './record-codec.js';
import { NodeStoreFs, type StoreFs } from './store-fs.js';
import { takeLock } from './file-lock.js';

/** Options of {@link openFileStore}. */
export interface FileStoreOptions {
  /** A new journal segment is begun once the current one holds this many bytes (default 64 MiB). */
  segmentBytes?: number;
  /** The file system to use (default the real one); tests pass a simulated disk. */
  fs?: StoreFs;
}

const IDENTITY = 'store.json';
const LOCK = 'LOCK';
const SEGMENT = /^journal-(\d{16})\.wal$/;
const CHECKPOINT = /^checkpoint-(\d{16})\.ckpt$/;
const FORMAT = 'wattmarket/store';
const pad = (n: number): string => String(n).padStart(16, '0');

interface Segment {
  readonly first: number;
  readonly name: string;
}

/**
 * Opens (creating it when needed) a directory as the store of one market or ledger: an
 * append-only journal in segments of length-prefixed, checksummed records, each with its sequence
 * number; checkpoints written to a temporary file, synced and renamed into place; a `LOCK` file
 * that keeps a second writer out. Pass it to `Market.open` or `Ledger.open`.
 *
 * The lock file holds the writer's process id. When a process dies without closing (kill -9, a
 * crash), its lock is stale: the next open finds that no process has that id and takes the lock
 * over. Only a lock of a process that runs (or of this process) refuses the open. On a directory
 * shared between machines (NFS) a process id says nothing about the other machine: do not share
 * a store directory between hosts.
 * @param directory - the store's directory; created with its parents when missing.
 * @throws WattError STORE_UNWRITABLE when the directory cannot be created or written;
 *   STORE_LOCKED when another process (or another store object here) has it open.
 * @example
 * ```ts
 * const store = await openFileStore('data/market');
 * const market = await Market.open({ clock, tariff, store });
 * ```
 */
export async function openFileStore(directory: string, options: FileStoreOptions = {}): Promise<FileStore> {
  const fn = 'openFileStore';
  if (typeof directory !== 'string' || directory === '') throw new WattError(ErrorCode.INVALID_ARGUMENT, `${fn}: directory must be a non-empty path`);
  const fs = options.fs ?? new NodeStoreFs();
  const segmentBytes = options.segmentBytes ?? 64 * 1024 * 1024;
  if (!Number.isSafeInteger(segmentBytes) || segmentBytes < 1) throw new WattError(ErrorCode.INVALID_OPTION, `${fn}: segmentBytes must be a positive integer`);
  try {
    await fs.mkdir(directory);
  } catch (e) {
    throw unwritable(fn, directory, e);
  }
  try {
    await takeLock(fs, fs.join(directory, LOCK), fn, directory);
  } catch (e) {
    throw e instanceof WattError ? e : unwritable(fn, directory, e);
  }
  return new FileStore(fs, directory, segmentBytes);
}

function unwritable(fn: string, directory: string, e: unknown): WattError {
  const code = (e as { code?: unknown }).code;
  return new WattError(
    ErrorCode.STORE_UNWRITABLE,
    `${fn}: cannot create or write the store directory '${directory}' (${typeof code === 'string' ? code : e instanceof Error ? e.message : String(e)}): give this process write access to it, or choose another directory`,
  );
}

/** The store {@link openFileStore} opens. */
export class FileStore implements CommandStore {
  /** See {@link CommandStore.description}. */
  readonly description: string;
  private bound = false;
  private closed = false;
  private segments: Segment[] = [];
  private current: Segment | undefined;
  private currentBytes = 0;
  /** The sequence number of the last record the journal holds (read back or appended). */
  private lastRecord = 0;
  private found: StoreRecovery = { checkpointSequence: 0, lastSequence: 0, tornBytes: 0 };

  /** @internal */
  constructor(
    private readonly fs: StoreFs,
    private readonly directory: string,
    private readonly segmentBytes: number,
  ) {
    this.description = `file store at ${directory}`;
  }

  /** See {@link CommandStore.recovery}. */
  get recovery(): StoreRecovery {
    return this.found;
  }

  private path(name: string): string {
    return this.fs.join(this.directory, name);
  }

  /** See {@link CommandStore.bind}. */
  async bind(identity: StoreIdentity, fn: string): Promise<void> {
    if (this.closed) throw new WattError(ErrorCode.STORE_CLOSED, `${fn}: the ${this.description} was closed: open it again with openFileStore`);
    if (this.bound) throw new WattError(ErrorCode.STORE_LOCKED, `${fn}: the ${this.description} is in use by another market or ledger: close that one first`);
    const names = await this.fs.list(this.directory);
    if (names.includes(IDENTITY)) {
      let stored: { format?: unknown; kind?: unknown; options?: unknown } | undefined;
      decodeRecords(await this.fs.read(this.path(IDENTITY)), (_, payload) => {
        stored = JSON.parse(payload ?? '') as typeof stored;
      });
      if (stored?.format !== FORMAT || typeof stored.options !== 'string') throw this.corrupt(fn, `${IDENTITY} is damaged`);
      if (stored.kind !== identity.kind) throw new WattError(ErrorCode.STORE_MISMATCH, `${fn}: the ${this.description} holds a ${String(stored.kind)}, not a ${identity.kind}: open it as a ${String(stored.kind)}, or use another directory`);
      if (stored.options !== identity.options) {
        throw new WattError(ErrorCode.STORE_MISMATCH, `${fn}: the ${this.description} was written with other options: ${firstDifference(stored.options, identity.options)}; open it with the stored options, or use another directory`);
      }
    } else {
      const payload = JSON.stringify({ format: FORMAT, version: 1, kind: identity.kind, options: identity.options });
      await this.writeAtomically(IDENTITY, encodeRecords([{ sequence: 0, payload }]));
    }
    this.bound = true;
  }

  /** See {@link CommandStore.readCheckpoint}. */
  async readCheckpoint(fn: string): Promise<StoredCheckpoint | undefined> {
    const names = (await this.fs.list(this.directory)).filter((n) => CHECKPOINT.test(n)).sort();
    const name = names.at(-1);
    if (name === undefined) return undefined;
    const sequence = Number(CHECKPOINT.exec(name)?.[1]);
    let checkpoint: StoredCheckpoint | undefined;
    const result = decodeRecords(await this.fs.read(this.path(name)), (s, payload) => {
      checkpoint = { sequence: s, payload: payload ?? '' };
    });
    if (result.end !== 'clean' || checkpoint?.sequence !== sequence) throw this.corrupt(fn, `checkpoint ${name} is damaged`);
    return checkpoint;
  }

  /** See {@link CommandStore.readRecords}. */
  async readRecords(after: number, visit: (sequence: number, payload: string) => void, fn: string): Promise<number> {
    const names = await this.fs.list(this.directory);
    for (const n of names) if (n.endsWith('.tmp')) await this.fs.remove(this.path(n));
    this.segments = names.filter((n) => SEGMENT.test(n)).sort().map((name) => ({ name, first: Number(SEGMENT.exec(name)?.[1]) }));
    let expected = 0; // the next sequence number; 0 until the first record read
    let tornBytes = 0;
    for (let i = 0; i < this.segments.length; i++) {
      const segment = this.segments[i] as Segment;
      const next = this.segments[i + 1];
      if (next !== undefined && next.first <= after + 1) continue; // wholly before the checkpoint
      const last = next === undefined;
      if (expected !== 0 && segment.first !== expected) throw this.corrupt(fn, `journal segment ${segment.name} begins a gap after sequence ${expected - 1}`);
      if (expected === 0 && segment.first > after + 1) throw this.corrupt(fn, `the journal begins at ${segment.first}, after the checkpoint at ${after}: records are missing`);
      expected = segment.first;
      const data = await this.fs.read(this.path(segment.name));
      const result = decodeRecords(data, (sequence, payload) => {
        if (sequence !== expected) throw this.corrupt(fn, `record ${sequence} follows ${expected - 1} in ${segment.name}`);
        expected++;
        if (payload !== undefined) visit(sequence, payload);
      }, after);
      if (result.end === 'corrupt') throw this.corrupt(fn, `${result.detail} in ${segment.name}`);
      if (result.end === 'torn') {
        if (!last) throw this.corrupt(fn, `${segment.name} ends inside a record, and it is not the last segment`);
        tornBytes = data.length - result.goodBytes;
        await this.fs.truncate(this.path(segment.name), result.goodBytes);
        await this.fs.sync(this.path(segment.name));
      }
      if (last) {
        this.current = segment;
        this.currentBytes = result.goodBytes;
      }
    }
    const lastSequence = Math.max(after, expected - 1);
    this.found = { checkpointSequence: after, lastSequence, tornBytes };
    this.lastRecord = lastSequence;
    return lastSequence;
  }

  /** See {@link CommandStore.append}: one write and one sync for the whole group. */
  async append(records: readonly StoredRecord[]): Promise<void> {
    const first = records[0];
    if (first === undefined) return;
    const data = encodeRecords(records);
    let created = false;
    if (this.current === undefined || this.currentBytes >= this.segmentBytes) {
      this.current = { first: first.sequence, name: `journal-${pad(first.sequence)}.wal` };
      this.segments.push(this.current);
      this.currentBytes = 0;
      created = true;
    }
    const path = this.path(this.current.name);
    await this.fs.append(path, data);
    this.currentBytes += data.length;
    this.lastRecord = (records[records.length - 1] as StoredRecord).sequence;
    await this.fs.sync(path);
    if (created) await this.fs.syncDir(this.directory);
  }

  /**
   * See {@link CommandStore.writeCheckpoint}: a temporary file, synced, renamed into place, the
   * directory synced; then older checkpoints and the segments wholly before it (all of them when
   * it covers the last record) are dropped, and
   * the next group begins a new segment.
   */
  async writeCheckpoint(checkpoint: StoredCheckpoint): Promise<void> {
    const name = `checkpoint-${pad(checkpoint.sequence)}.ckpt`;
    await this.writeAtomically(name, encodeRecords([checkpoint]));
    const names = await this.fs.list(this.directory);
    for (const n of names) if (CHECKPOINT.test(n) && n < name) await this.fs.remove(this.path(n));
    const keep: Segment[] = [];
    for (let i = 0; i < this.segments.length; i++) {
      const next = this.segments[i + 1];
      const segment = this.segments[i] as Segment;
      // A segment is dropped when the next one begins inside the checkpoint, or when the
      // checkpoint covers the whole journal: recovery then reads no record it would only skip.
      const covered = next === undefined ? this.lastRecord <= checkpoint.sequence : next.first <= checkpoint.sequence + 1;
      if (covered) await this.fs.remove(this.path(segment.name));
      else keep.push(segment);
    }
    this.segments = keep;
    this.currentBytes = this.segmentBytes; // begin a new segment with the next group
    await this.fs.syncDir(this.directory);
  }

  /** See {@link CommandStore.close}: releases the lock. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.bound = false;
    await this.fs.close();
    await this.fs.remove(this.path(LOCK));
  }

  private async writeAtomically(name: string, data: Uint8Array): Promise<void> {
    const tmp = this.path(`${name}.tmp`);
    await this.fs.remove(tmp);
    await this.fs.append(tmp, data);
    await this.fs.sync(tmp);
    await this.fs.rename(tmp, this.path(name));
    await this.fs.syncDir(this.directory);
  }

  private corrupt(fn: string, text: string): WattError {
    return new WattError(ErrorCode.STORE_CORRUPT, `${fn}: the ${this.description} is damaged: ${text}; restore the directory from a backup, or move it aside to start afresh`);
  }
}

