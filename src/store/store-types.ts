/**
 * What a durable market or ledger keeps in a store: which state it is (kind and options), its
 * accepted commands in order, each with its sequence number, and its latest checkpoint. A store
 * holds text (JSON) it does not interpret; the market or ledger encodes and checks it.
 */

/** The kinds of state a store can hold. */
export type StoreKind = 'market' | 'ledger';

/** Which state a store holds: written when the store is first used, checked on every open after. */
export interface StoreIdentity {
  /** A market or a ledger. */
  readonly kind: StoreKind;
  /** The options it was built with, as canonical JSON (see `canonicalOptions`). */
  readonly options: string;
}

/** One journalled command. */
export interface StoredRecord {
  /** Its sequence number: 1 for the first command, then one more per accepted command. */
  readonly sequence: number;
  /** The command as JSON text. */
  readonly payload: string;
}

/** A snapshot of the whole state after the command `sequence`. */
export interface StoredCheckpoint {
  /** The sequence number of the last command the snapshot includes. */
  readonly sequence: number;
  /** The snapshot as JSON text. */
  readonly payload: string;
}

/** What a store found when it was opened and read back. */
export interface StoreRecovery {
  /** The sequence number of the checkpoint recovery started from (0: none). */
  readonly checkpointSequence: number;
  /** The sequence number of the last command read back (0 for an empty store). */
  readonly lastSequence: number;
  /**
   * Bytes of a torn last record (a crash in the middle of a write) that were dropped, 0 when the
   * journal ended cleanly. A torn record was never acknowledged: `flush()` had not resolved for it.
   */
  readonly tornBytes: number;
}

/**
 * A place a market or ledger journals its commands to: the file store of `wattmarket/node`, the
 * PostgreSQL store of `wattmarket/postgres`, or {@link MemoryStore} for tests. A store is used by
 * one market or ledger at a time, in this order: {@link CommandStore.bind}, then
 * {@link CommandStore.readCheckpoint} and {@link CommandStore.readRecords} (recovery), then any
 * number of {@link CommandStore.append} and {@link CommandStore.writeCheckpoint} calls, one at a
 * time, then {@link CommandStore.close}. Implement it to put the journal somewhere else.
 */
export interface CommandStore {
  /** Says where the store is, for messages (`file store at /var/lib/market`). */
  readonly description: string;
  /** What recovery found; valid after {@link CommandStore.readRecords}. */
  readonly recovery: StoreRecovery;
  /**
   * Checks that the store holds `identity` (or is empty, and then records it), and takes the
   * store for one writer.
   * @throws WattError STORE_MISMATCH for a store of another kind or options; STORE_LOCKED when
   *   another writer has it.
   */
  bind(identity: StoreIdentity, fn: string): Promise<void>;
  /** The latest checkpoint, or undefined when none was written. @throws WattError STORE_CORRUPT. */
  readCheckpoint(fn: string): Promise<StoredCheckpoint | undefined>;
  /**
   * Calls `visit` for every record after sequence `after`, in order, and returns the last
   * sequence number read (`after` when there is none). Drops a torn last record (see
   * {@link StoreRecovery.tornBytes}).
   * @throws WattError STORE_CORRUPT for damage before the end or a gap in sequence numbers.
   */
  readRecords(after: number, visit: (sequence: number, payload: string) => void, fn: string): Promise<number>;
  /** Writes a group of records (consecutive sequence numbers) durably: resolves once they are synced. */
  append(records: readonly StoredRecord[]): Promise<void>;
  /** Writes a checkpoint durably; recovery starts from the latest one. */
  writeCheckpoint(checkpoint: StoredCheckpoint): Promise<void>;
  /** Releases the store (its lock, files, connection). Closing twice is harmless. */
  close(): Promise<void>;
}
