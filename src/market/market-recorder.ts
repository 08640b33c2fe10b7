// Where a market's accepted commands go: numbered, stamped, kept in its journal and queued for
// its store (Market.open). Out of market.ts so that the journal-to-store glue (the sequence, the
// journal, the attached store and the calls that wait on it) is one small piece read in one place,
// next to the store's side of it (durable-market.ts).

import { ErrorCode } from '../errors/error-codes.js';
import { WattError } from '../errors/watt-error.js';
import type { Durability } from '../store/durability.js';
import type { MarketCore } from './market-core.js';
import type { CommandBody, MarketCommand } from './market-journal.js';

/** The refusal of a snapshot or checkpoint asked for by a mechanism clearing one of the market's gates. */
export function clearingError(fn: string): WattError {
  return new WattError(ErrorCode.MECHANISM_FAILED, `${fn}: a mechanism cannot snapshot the market whose gate it is clearing (the gate is half done)`);
}

/** A market's sequence number, journal and store (one per market, private to it). */
export class MarketRecorder {
  /** The sequence number of the last command accepted (0 for a new market). */
  seq = 0;
  /** The journal (empty with `journal: false`): the `init` entry, then every accepted command. */
  readonly commands: MarketCommand[] = [];
  // The store accepted commands are journalled to (Market.open); see durable-market.ts.
  private durable: Durability | undefined;

  /** @param journal - whether the market keeps a journal (its `journal` option). */
  constructor(private readonly core: MarketCore, private readonly journal: boolean) {}

  /** Journals the `init` entry of a new market (with a journal; a store writes its own). */
  init(optionsHash: string): void {
    if (this.journal) this.commands.push(Object.freeze({ kind: 'init', seq: 0, time: this.core.processed, optionsHash }));
  }

  /** Attaches the store the market was opened on (Market.open, once recovery is done). */
  attach(durability: Durability): void {
    this.durable = durability;
  }

  /** Whether accepted commands are kept (a journal or a store); else a submit's entry is not built. */
  keepsCommands(): boolean {
    return this.journal || this.durable !== undefined;
  }

  /**
   * The one point every accepted command passes through, exactly once and in order, after it
   * can no longer be refused: it is numbered, stamped with the command's time, journalled and
   * queued for the store (Market.open). `undefined` (a submit with neither journal nor store,
   * whose entry is not built) is numbered and its time remembered, nothing more.
   */
  record(command: CommandBody | undefined): void {
    this.seq++;
    // Every command's time, kept or not: the market's time never goes back before it (docs/market.md,
    // "Time"). Always inside the command, so this reads its pinned time, not the clock.
    const time = this.core.now();
    this.core.lastCommandTime = time;
    if (command === undefined) return;
    // Built only for a journal or a store (a simulation's market has neither: settling paid more for this copy than for its meters).
    if (!this.journal && this.durable === undefined) return;
    // The ledger time the command pinned (its entries' time, part of the ledger's state hash), so
    // that a replay stamps the same time whatever its ledger's clock reads.
    const ledgerTime = this.core.pinnedLedgerTime();
    const c = Object.freeze(ledgerTime === undefined ? { ...command, seq: this.seq, time } : { ...command, seq: this.seq, time, ledgerTime }) as MarketCommand;
    if (this.journal) this.commands.push(c);
    this.durable?.append(c);
  }

  /** Market.flush. */
  flush(): Promise<void> {
    return this.durable === undefined ? Promise.resolve() : this.durable.flush();
  }

  /** Market.checkpoint (refused while one of the market's gates is clearing). */
  checkpoint(): Promise<void> {
    // Refused mid-gate with or without a store, as snapshot() is: the refusal says what the call
    // would do, not whether this market happens to have a store.
    if (this.core.clearingGate) return Promise.reject(clearingError('Market.checkpoint'));
    return this.durable === undefined ? Promise.resolve() : this.durable.checkpoint();
  }

  /** Market.close. */
  close(): Promise<void> {
    return this.durable === undefined ? Promise.resolve() : this.durable.close();
  }
}
