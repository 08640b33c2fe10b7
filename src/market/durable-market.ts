import { describeValue } from '../errors/describe-value.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import { canonicalOptions } from '../store/canonical-options.js';
import { openDurable, type Durability, type JournalledMachine } from '../store/durability.js';
import { ReplayClock } from '../store/replay-clock.js';
import type { CommandStore } from '../store/store-types.js';
import { ManualClock } from '../time/clock.js';
import { applyCommand, type MarketCommand } from './market-journal.js';
import type { MarketOptions } from './market-types.js';
import { Market } from './market.js';

const FN = 'Market.open';

/** The command methods of a market (refused once it is closed). */
const MARKET_COMMAND_METHODS: readonly string[] = Object.freeze([
  'registerParticipant', 'deposit', 'withdraw', 'submit', 'submitSteps', 'cancel', 'amend', 'advanceTo', 'settle', 'settleSteps', 'prune',
]);

let attach: (market: Market, durability: Durability) => void = () => {
  throw new Error('durable-market: Market did not register its accessor');
};

/** Called once by Market's static block: how to attach a store to a market. @internal */
export function setMarketDurability(f: (market: Market, durability: Durability) => void): void {
  attach = f;
}

/**
 * The market's checkpoint form. INTERIM: until Market has `snapshot()`/`Market.restore()`, a
 * market checkpoint is its command journal, restored by replaying it. Point these two functions
 * at `market.snapshot()` and `Market.restore(snapshot, options)` once they exist: nothing else
 * in the durable path depends on the form.
 */
const MARKET_CHECKPOINT = 'wattmarket/market-journal';
interface InterimSnapshot {
  readonly format: typeof MARKET_CHECKPOINT;
  readonly version: 1;
  /** The market's time when it was made (its clock then): a replay must begin there. */
  readonly createdAt: number;
  readonly commands: readonly MarketCommand[];
}
function marketSnapshot(market: Market, createdAt: number): InterimSnapshot {
  return { format: MARKET_CHECKPOINT, version: 1, createdAt, commands: market.journal() };
}
function marketRestore(snapshot: unknown, create: (createdAt: number) => Market, replay: (market: Market, command: MarketCommand) => void): Market {
  const s = snapshot as Partial<InterimSnapshot> | null;
  if (s?.format !== MARKET_CHECKPOINT || !Array.isArray(s.commands) || typeof s.createdAt !== 'number') throw new Error('not a market checkpoint');
  const market = create(s.createdAt);
  for (const c of s.commands as readonly MarketCommand[]) replay(market, c);
  return market;
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
  if (marketOptions.journal === false) fail(ErrorCode.INVALID_OPTION, FN, 'a durable market keeps its command journal: leave journal out or set it true');
  const userClock = marketOptions.clock as unknown;
  if (typeof userClock !== 'object' || userClock === null || typeof (userClock as { now?: unknown }).now !== 'function') {
    fail(ErrorCode.INVALID_OPTION, FN, `clock must be an object with a now() method; got ${describeValue(userClock)}`);
  }
  // Checks every other option now, before the store is touched, on a clock that is not read.
  new Market({ ...marketOptions, clock: new ManualClock(0) });
  const clock = new ReplayClock(marketOptions.clock);
  const replayOne = (market: Market, c: MarketCommand): void => {
    clock.at = c.time;
    applyCommand(market, c);
  };
  const createdAt = new WeakMap<Market, number>();
  const create = (startTime: number | undefined): Market => {
    clock.at = startTime;
    const market = new Market({ ...marketOptions, clock });
    createdAt.set(market, market.now);
    return market;
  };
  const machine: JournalledMachine<Market> = {
    kind: 'market',
    owner: 'Market',
    options: canonicalOptions(marketOptions, ['clock'], FN),
    commands: MARKET_COMMAND_METHODS,
    create,
    restore(snapshot, sequence) {
      const market = marketRestore(snapshot, create, replayOne);
      if (market.sequence !== sequence) throw new Error(`the checkpoint holds ${market.sequence} commands, not ${sequence}`);
      return market;
    },
    apply: (market, command) => replayOne(market, command as unknown as MarketCommand),
    sequence: (market) => market.sequence,
    snapshot: (market) => marketSnapshot(market, createdAt.get(market) ?? market.now),
    attach(market, durability) {
      clock.at = undefined;
      attach(market, durability);
    },
  };
  return openDurable(machine, s as CommandStore);
}
