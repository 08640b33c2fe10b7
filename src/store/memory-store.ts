import { ErrorCode } from '../errors/error-codes.js';
import { WattError } from '../errors/watt-error.js';
import { firstDifference } from './canonical-options.js';
import type { CommandStore, StoredCheckpoint, StoredRecord, StoreIdentity, StoreRecovery } from './store-types.js';

/**
 * A store in memory: what a file or database store keeps, kept in this object. It survives
 * `close()` and a new `open` of the same object (a restart in a test), not the process. For tests
 * and for trying durable code paths in a browser; use `openFileStore` or `openPostgresStore` for
 * state that must outlive the process.
 *
 * @example
 * ```ts
 * const store = new MemoryStore();
 * const ledger = await Ledger.open({ assets: { VND: '1' }, store });
 * ledger.openAccount({ id: 'bank', asset: 'VND', allowNegative: true });
 * await ledger.close();
 * (await Ledger.open({ assets: { VND: '1' }, store })).hasAccount('bank'); // true
 * ```
 */
export class MemoryStore implements CommandStore {
  /** See {@link CommandStore.description}. */
  readonly description = 'memory store';
  private identity: StoreIdentity | undefined;
  private records: StoredRecord[] = [];
  private latest: StoredCheckpoint | undefined;
  private inUse = false;
  private found: StoreRecovery = { checkpointSequence: 0, lastSequence: 0, tornBytes: 0 };

  /** See {@link CommandStore.recovery}. */
  get recovery(): StoreRecovery {
    return this.found;
  }

  /** The records held (for tests), oldest first. */
  get held(): readonly StoredRecord[] {
    return this.records;
  }

  /** See {@link CommandStore.bind}. */
  bind(identity: StoreIdentity, fn: string): Promise<void> {
    const held = this.identity;
    if (this.inUse) return Promise.reject(new WattError(ErrorCode.STORE_LOCKED, `${fn}: the memory store is in use by another market or ledger: close that one first`));
    if (held !== undefined && held.kind !== identity.kind) {
      return Promise.reject(new WattError(ErrorCode.STORE_MISMATCH, `${fn}: the memory store holds a ${held.kind}, not a ${identity.kind}: use another store`));
    }
    if (held !== undefined && held.options !== identity.options) {
      return Promise.reject(new WattError(ErrorCode.STORE_MISMATCH, `${fn}: the memory store was written with other options: ${firstDifference(held.options, identity.options)}; open it with the stored options or use another store`));
    }
    this.identity = identity;
    this.inUse = true;
    return Promise.resolve();
  }

  /** See {@link CommandStore.readCheckpoint}. */
  readCheckpoint(): Promise<StoredCheckpoint | undefined> {
    return Promise.resolve(this.latest);
  }

  /** See {@link CommandStore.readRecords}. */
  readRecords(after: number, visit: (sequence: number, payload: string) => void): Promise<number> {
    let last = after;
    for (const r of this.records) {
      if (r.sequence <= after) continue;
      visit(r.sequence, r.payload);
      last = r.sequence;
    }
    this.found = { checkpointSequence: this.latest?.sequence ?? 0, lastSequence: last, tornBytes: 0 };
    return Promise.resolve(last);
  }

  /** See {@link CommandStore.append}. */
  append(records: readonly StoredRecord[]): Promise<void> {
    for (const r of records) this.records.push(r);
    return Promise.resolve();
  }

  /** See {@link CommandStore.writeCheckpoint}. Drops the records it covers. */
  writeCheckpoint(checkpoint: StoredCheckpoint): Promise<void> {
    this.latest = checkpoint;
    this.records = this.records.filter((r) => r.sequence > checkpoint.sequence);
    return Promise.resolve();
  }

  /** See {@link CommandStore.close}. */
  close(): Promise<void> {
    this.inUse = false;
    return Promise.resolve();
  }
}
