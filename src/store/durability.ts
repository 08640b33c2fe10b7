import { ErrorCode } from '../errors/error-codes.js';
import { WattError } from '../errors/watt-error.js';
import { DurableLog } from './durable-log.js';
import type { CommandStore, StoreKind } from './store-types.js';

/**
 * What the generic recovery needs to know of a market or a ledger: a state machine whose
 * accepted commands are plain JSON data, replayable one by one, with a snapshot it can be
 * restored from.
 */
export interface JournalledMachine<T> {
  /** `'market'` or `'ledger'`. */
  readonly kind: StoreKind;
  /** The owner's name for messages: `Market`, `Ledger`. */
  readonly owner: string;
  /** The options as canonical JSON (see `canonicalOptions`). */
  readonly options: string;
  /** The command methods, refused after close or after a store failure. */
  readonly commands: readonly string[];
  /** A new, empty instance; `firstTime` is the time of the first command to replay, if any. */
  create(firstTime: number | undefined): T;
  /** An instance restored from a checkpoint's snapshot, at `sequence`. */
  restore(snapshot: unknown, sequence: number): T;
  /** Carries out one journalled command again, at the time it carries. */
  apply(target: T, command: Record<string, unknown>): void;
  /** The instance's sequence number (commands accepted). */
  sequence(target: T): number;
  /** A JSON-serialisable snapshot of the instance's whole state. */
  snapshot(target: T): unknown;
  /** Recovery is over: the instance journals to `durability` from now on and uses the application's clock. */
  attach(target: T, durability: Durability): void;
}

/**
 * The durable side of one market or ledger: its log (group commit) and its lifecycle
 * (`flush`, `checkpoint`, `close`). Made by {@link openDurable}.
 */
export class Durability {
  private closed = false;

  /** @internal */
  constructor(
    private readonly log: DurableLog,
    private readonly owner: string,
    private readonly snapshotNow: () => { sequence: number; state: unknown },
    private readonly refuse: (error: WattError) => void,
  ) {
    log.onFailure = (error) => this.refuse(error);
  }

  /** Queues an accepted command (plain, never changed after) under the next sequence number. */
  append(command: object): void {
    this.log.append(command);
  }

  /** Resolves once every command accepted before the call is durable. */
  flush(): Promise<void> {
    if (this.closed) return Promise.reject(closedError(`${this.owner}.flush`));
    return this.log.flush();
  }

  /** Writes a snapshot of the state as it is now; recovery starts from the latest one. */
  checkpoint(): Promise<void> {
    const fn = `${this.owner}.checkpoint`;
    if (this.closed) return Promise.reject(closedError(fn));
    if (this.log.failed !== undefined) return Promise.reject(this.log.failed);
    // The snapshot is taken now, synchronously: it is the state at this sequence number, whatever
    // commands come while the journal before it is still being written.
    const { sequence, state } = this.snapshotNow();
    const payload = JSON.stringify(state);
    return this.log.afterDurable(sequence, () => this.store.writeCheckpoint({ sequence, payload }));
  }

  /** Flushes and releases the store; later commands are refused. Closing twice is harmless. */
  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.refuse(closedError(this.owner));
    }
    return this.log.close();
  }

  private get store(): CommandStore {
    return this.log.storeOf;
  }
}

function closedError(fn: string): WattError {
  return new WattError(ErrorCode.STORE_CLOSED, `${fn}: it was closed; open the store again (open()) to go on`);
}

/**
 * Makes each of `methods` on `target` throw `error` (re-worded as that method's) from now on:
 * a closed or failed market or ledger refuses commands before it changes anything. Own
 * properties shadow the class's methods, so an open instance pays nothing for the check.
 */
export function refuseCommands(target: object, owner: string, methods: readonly string[], error: WattError): void {
  const reason = error.message.replace(/^[\w.]+: /, '');
  for (const name of methods) {
    Object.defineProperty(target, name, {
      configurable: true,
      value: () => {
        throw new WattError(error.code, `${owner}.${name}: ${reason}`);
      },
    });
  }
}

/**
 * Binds `store` to the machine's kind and options, recovers the state it holds (latest checkpoint,
 * then every command after it, each at its journalled time) and returns it journalling to the
 * store. The store is closed again (its lock released) when binding or recovery fails.
 * @throws WattError STORE_MISMATCH, STORE_LOCKED, STORE_CORRUPT (a record that cannot be read or
 *   replayed), and whatever the store throws.
 */
export async function openDurable<T extends object>(machine: JournalledMachine<T>, store: CommandStore): Promise<T> {
  const fn = `${machine.owner}.open`;
  try {
    await store.bind({ kind: machine.kind, options: machine.options }, fn);
    const checkpoint = await store.readCheckpoint(fn);
    let target: T | undefined;
    if (checkpoint !== undefined) {
      const snapshot = parse(checkpoint.payload, fn, `checkpoint ${checkpoint.sequence}`, store);
      try {
        target = machine.restore(snapshot, checkpoint.sequence);
      } catch (e) {
        throw corrupt(fn, store, `the checkpoint at ${checkpoint.sequence} cannot be restored (${messageOf(e)})`);
      }
    }
    const last = await store.readRecords(
      checkpoint?.sequence ?? 0,
      (sequence, payload) => {
        const command = parse(payload, fn, `command ${sequence}`, store) as Record<string, unknown>;
        target ??= machine.create(typeof command['time'] === 'number' ? command['time'] : undefined);
        try {
          machine.apply(target, command);
        } catch (e) {
          throw corrupt(fn, store, `command ${sequence} cannot be replayed (${messageOf(e)})`);
        }
        if (machine.sequence(target) !== sequence) {
          throw corrupt(fn, store, `command ${sequence} replayed as sequence ${machine.sequence(target)}`);
        }
      },
      fn,
    );
    if (target === undefined) {
      // A new store: a checkpoint at sequence 0 keeps what the state was made with before any
      // command (a market's start time), so that a replay begins where the original began.
      target = machine.create(undefined);
      await store.writeCheckpoint({ sequence: 0, payload: JSON.stringify(machine.snapshot(target)) });
    }
    if (machine.sequence(target) !== last) throw corrupt(fn, store, `the journal ends at ${last} but the state is at ${machine.sequence(target)}`);
    const t = target;
    const log = new DurableLog(store, last, machine.owner);
    const durability = new Durability(
      log,
      machine.owner,
      () => ({ sequence: machine.sequence(t), state: machine.snapshot(t) }),
      (error) => refuseCommands(t, machine.owner, machine.commands, error),
    );
    machine.attach(t, durability);
    return t;
  } catch (e) {
    // A store in use by another market stays with that market; any other failure releases it.
    // By code, not instanceof: a store from another entry's build may carry its own WattError class.
    if ((e as { code?: unknown } | null)?.code !== ErrorCode.STORE_LOCKED) await store.close();
    throw e;
  }
}

function parse(text: string, fn: string, what: string, store: CommandStore): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw corrupt(fn, store, `${what} is not valid JSON`);
  }
}

function corrupt(fn: string, store: CommandStore, text: string): WattError {
  return new WattError(ErrorCode.STORE_CORRUPT, `${fn}: the ${store.description} is damaged: ${text}; restore it from a backup, or move it aside to start afresh`);
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
