import { describeValue } from '../errors/describe-value.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import { canonicalOptions } from '../store/canonical-options.js';
import { openDurable, type Durability, type JournalledMachine } from '../store/durability.js';
import { ReplayClock } from '../store/replay-clock.js';
import type { CommandStore } from '../store/store-types.js';
import { ManualClock } from '../time/clock.js';
import type { MarketCommand } from './market-journal.js';
import { MARKET_SNAPSHOT_FORMAT, type MarketSnapshot } from './market-snapshot-types.js';
import type { MarketOptions } from './market-types.js';
// Only the type: Market lends its constructor and restore through setMarketDurability, so that
// market.ts and this file do not import each other at run time (a circle makes the order in which
// modules are evaluated matter).
import type { Market } from './market.js';

const FN = 'Market.open';

/** The command methods of a market (refused once it is closed). */
const MARKET_COMMAND_METHODS: readonly string[] = Object.freeze([
  'registerParticipant', 'deposit', 'withdraw', 'submit', 'submitSteps', 'cancel', 'amend', 'advanceTo', 'settle', 'settleSteps', 'prune',
]);

/** What a durable market needs of Market: its constructor, its restore and two private paths. @internal */
export interface MarketAccess {
  /** `new Market(options)`. */
  create(options: MarketOptions): Market;
  /** `Market.restore(snapshot, options)`. */
  restore(snapshot: MarketSnapshot, options: MarketOptions): Market;
  /** Attaches a store to a market (see MarketRecorder). */
  attach(market: Market, durability: Durability): void;
  /** Carries out one journalled command again (the same private path Market.replay takes). */
  apply(market: Market, command: MarketCommand): void;
}

function unregistered(): never {
  throw new Error('durable-market: Market did not register its accessors');
}

let access: MarketAccess = { create: unregistered, restore: unregistered, attach: unregistered, apply: unregistered };

/** Called once by Market's static block, with what {@link MarketAccess} names. @internal */
export function setMarketDurability(market: MarketAccess): void {
  access = market;
}

/** A checkpoint is the market's own snapshot (plain JSON data), restored by Market.restore. */
function isSnapshot(value: unknown): value is MarketSnapshot {
  return typeof value === 'object' && value !== null && (value as { format?: unknown }).format === MARKET_SNAPSHOT_FORMAT;
}

/** {@link Market.open}: recovers the market a store holds, or starts a new one. */
export async function openDurableMarket(options: MarketOptions & { store: CommandStore }): Promise<Market> {
  if (typeof options !== 'object' || (options as unknown) === null) fail(ErrorCode.INVALID_ARGUMENT, FN, `options must be an object; got ${describeValue(options)}`);
  const { store, ...marketOptions } = options;
  const s = store as Partial<CommandStore> | null | undefined;
  if (typeof s !== 'object' || s === null || typeof s.bind !== 'function' || typeof s.append !== 'function') {
    fail(ErrorCode.INVALID_OPTION, FN, `store must be a store (openFileStore, openPostgresStore, MemoryStore); got ${describeValue(store)}`);
  }
  if (marketOptions.ledger !== undefined) fail(ErrorCode.INVALID_OPTION, FN, 'a durable market keeps its own ledger: leave the ledger option out');
  const userClock = marketOptions.clock as unknown;
  if (typeof userClock !== 'object' || userClock === null || typeof (userClock as { now?: unknown }).now !== 'function') {
    fail(ErrorCode.INVALID_OPTION, FN, `clock must be an object with a now() method; got ${describeValue(userClock)}`);
  }
  // Checks every other option now, before the store is touched, on a clock that is not read.
  access.create({ ...marketOptions, clock: new ManualClock(0) });
  const clock = new ReplayClock(marketOptions.clock);
  const replayOne = (market: Market, c: MarketCommand): void => {
    clock.at = c.time;
    access.apply(market, c);
  };
  const create = (startTime: number | undefined): Market => {
    clock.at = startTime;
    return access.create({ ...marketOptions, clock });
  };
  const machine: JournalledMachine<Market> = {
    kind: 'market',
    owner: 'Market',
    options: canonicalOptions(marketOptions, ['clock', 'journal'], FN),
    commands: MARKET_COMMAND_METHODS,
    create,
    restore(snapshot, sequence) {
      if (!isSnapshot(snapshot)) throw new Error('not a market snapshot');
      clock.at = snapshot.time;
      const market = access.restore(snapshot, { ...marketOptions, clock });
      if (market.sequence !== sequence) throw new Error(`the checkpoint holds ${market.sequence} commands, not ${sequence}`);
      return market;
    },
    apply: (market, command) => replayOne(market, command as unknown as MarketCommand),
    sequence: (market) => market.sequence,
    snapshot: (market) => market.snapshot(),
    attach(market, durability) {
      clock.at = undefined;
      access.attach(market, durability);
    },
  };
  return openDurable(machine, s as CommandStore);
}
