import { ErrorCode } from '../errors/error-codes.js';
import { WattError } from '../errors/watt-error.js';
import type { CommandStore, StoredRecord } from './store-types.js';

/** The most records one store write takes: bounds the memory of one group when commands outrun the disk. */
const MAX_GROUP = 4096;

interface Pending {
  readonly sequence: number;
  readonly command: object;
}

interface Waiter {
  readonly sequence: number;
  readonly resolve: () => void;
  readonly reject: (e: unknown) => void;
}

interface Task {
  readonly after: number;
  readonly run: () => Promise<void>;
  readonly waiter: Waiter;
}

/**
 * Group commit in front of a {@link CommandStore}. Commands stay synchronous: {@link append} only
 * queues a command (no I/O, no encoding); the queue is written as one group (one store write, one
 * sync) once the synchronous code that accepted them has run, and every command accepted while a
 * group is being written goes into the next. {@link flush} resolves once every command accepted
 * before it is durable. Store calls never overlap: groups and checkpoints run one at a time, in
 * order.
 *
 * A failed write fails the log for good: flushes reject with STORE_FAILED and `onFailure` runs
 * (the market or ledger then refuses commands), since what is in memory is ahead of what the
 * store holds; reopening the store recovers the last durable state.
 */
export class DurableLog {
  private last: number;
  private durable: number;
  private queue: Pending[] = [];
  private readonly waiters: Waiter[] = [];
  private readonly tasks: Task[] = [];
  private busy = false;
  private scheduled = false;
  private failure: WattError | undefined;
  private closing: Promise<void> | undefined;
  /** Runs once when a store write fails. */
  onFailure: ((error: WattError) => void) | undefined;

  /**
   * @param store - a store that has been bound and read back.
   * @param sequence - the sequence number of the last command it holds.
   * @param owner - the owner's name for messages (`Market`, `Ledger`).
   */
  constructor(
    private readonly store: CommandStore,
    sequence: number,
    private readonly owner: string,
  ) {
    this.last = sequence;
    this.durable = sequence;
  }

  /** The sequence number of the last command accepted. */
  get sequence(): number {
    return this.last;
  }

  /** The sequence number of the last command known durable. */
  get durableSequence(): number {
    return this.durable;
  }

  /** The store it writes to. */
  get storeOf(): CommandStore {
    return this.store;
  }

  /** The failure that stopped the log, if one did. */
  get failed(): WattError | undefined {
    return this.failure;
  }

  /**
   * Queues an accepted command under the next sequence number. `command` must not change after
   * (it is encoded when its group is written).
   */
  append(command: object): number {
    const sequence = ++this.last;
    this.queue.push({ sequence, command });
    this.schedule();
    return sequence;
  }

  /** Resolves once every command appended so far is durable; rejects with STORE_FAILED after a failed write. */
  flush(): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.durable >= this.last) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.push({ sequence: this.last, resolve, reject });
      this.schedule();
    });
  }

  /** Runs `write` (a checkpoint write) once every command up to `after` is durable, in turn with the groups. */
  afterDurable(after: number, write: () => Promise<void>): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.tasks.push({ after, run: write, waiter: { sequence: after, resolve, reject } });
      this.schedule();
    });
  }

  /** Flushes (waiting for queued checkpoints too), then closes the store. Calling it again returns the same promise. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      try {
        // A no-op task after everything queued: it runs once every group and checkpoint before it has.
        await this.afterDurable(this.last, () => Promise.resolve());
      } finally {
        await this.store.close();
      }
    })();
    return this.closing;
  }

  private schedule(): void {
    if (this.busy || this.scheduled) return;
    this.scheduled = true;
    // A microtask: it runs after the synchronous code that is accepting commands, so a burst of
    // commands becomes one group.
    void Promise.resolve().then(this.drain);
  }

  private readonly drain = (): void => {
    this.scheduled = false;
    if (this.busy || this.failure !== undefined) return;
    this.busy = true;
    void this.loop();
  };

  private async loop(): Promise<void> {
    try {
      for (;;) {
        const task = this.tasks[0];
        if (task !== undefined && task.after <= this.durable) {
          this.tasks.shift();
          await task.run();
          task.waiter.resolve();
          continue;
        }
        if (this.queue.length === 0) break;
        const group = this.queue.length <= MAX_GROUP ? this.queue : this.queue.slice(0, MAX_GROUP);
        this.queue = group === this.queue ? [] : this.queue.slice(MAX_GROUP);
        const records: StoredRecord[] = new Array<StoredRecord>(group.length);
        for (let i = 0; i < group.length; i++) {
          const p = group[i] as Pending;
          records[i] = { sequence: p.sequence, payload: JSON.stringify(p.command) };
        }
        await this.store.append(records);
        this.durable = (group[group.length - 1] as Pending).sequence;
        while (this.waiters.length > 0 && (this.waiters[0] as Waiter).sequence <= this.durable) (this.waiters.shift() as Waiter).resolve();
      }
    } catch (e) {
      this.fail(e);
    } finally {
      this.busy = false;
    }
    if (this.failure === undefined && (this.queue.length > 0 || this.tasks.length > 0)) this.schedule();
  }

  private fail(e: unknown): void {
    // By code, not instanceof: a store from another entry's build may carry its own WattError class.
    const code = (e as { code?: unknown } | null)?.code;
    const text = e instanceof Error ? e.message : String(e);
    const error = new WattError(
      code === ErrorCode.STORE_UNAVAILABLE ? code : ErrorCode.STORE_FAILED,
      `${this.owner}.flush: writing to the ${this.store.description} failed (${text}); commands after the last completed flush may be lost: reopen the store to recover`,
    );
    this.failure = error;
    for (const w of this.waiters.splice(0)) w.reject(error);
    for (const t of this.tasks.splice(0)) t.waiter.reject(error);
    this.onFailure?.(error);
  }
}
