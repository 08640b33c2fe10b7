import { BUILT_IN_MECHANISMS, ManualClock, Market } from '../../src/index.js';
import type { AuctionMechanism, MarketOptions } from '../../src/index.js';

/** 2025-04-07 00:00 UTC: the first interval of the test day. */
export const DAY = Date.UTC(2025, 3, 7);
export const MIN = 60_000;
export const Q = 15 * MIN;

/** A market on a manual clock at 23:00 the day before `DAY` (the day's intervals from 00:00 are open), VND on a 1 VND tick. */
export function campusMarket(options: Partial<MarketOptions> = {}): { market: Market; clock: ManualClock } {
  const clock = new ManualClock(DAY - 60 * MIN);
  const market = new Market({
    clock,
    tariff: { retailPrice: 2204, feedInPrice: 671 },
    priceTick: 1,
    ...options,
  });
  return { market, clock };
}

/** Registers participants and gives each `funds` VND. */
export function fund(market: Market, ids: readonly string[], funds = 1_000_000, zone?: string): void {
  for (const id of ids) {
    market.registerParticipant(zone === undefined ? { id } : { id, zone });
    if (funds > 0) market.deposit({ id: `init-${id}`, participant: id, amount: funds });
  }
}

/** The sum of every account balance of one asset: always exactly zero in a double-entry ledger. */
export function assetSum(market: Market, asset: string): bigint {
  let sum = 0n;
  for (const id of market.ledger.accountIds()) {
    if (market.ledger.account(id).asset === asset) sum += BigInt(market.ledger.balanceSteps(id));
  }
  return sum;
}

/**
 * A manual clock that runs `hook` when it is read, once armed (not while the hook itself runs,
 * so nested work may read it): on every read, or with `once` on the first read only.
 */
export class HookClock extends ManualClock {
  hook: (() => void) | undefined;

  constructor(
    start: number,
    private readonly once = false,
  ) {
    super(start);
  }

  override now(): number {
    const h = this.hook;
    if (h !== undefined) {
      this.hook = undefined;
      h();
      if (!this.once) this.hook = h;
    }
    return super.now();
  }
}

/** Places the crossing pair the gate tests clear for DAY: 'a' sells 5 kWh at 700 (s1), 'b' buys 3 at 900 (b1). */
export function placeCrossingPair(market: Market): void {
  market.submit({ id: 's1', participant: 'a', deliveryStart: DAY, side: 'sell', price: 700, quantity: 5 });
  market.submit({ id: 'b1', participant: 'b', deliveryStart: DAY, side: 'buy', price: 900, quantity: 3 });
}

/**
 * Places the crossing pair, arms `ref` (see {@link nestingMechanism}) and closes the gate of the
 * interval at DAY: the mechanism's nested call runs inside that advanceTo.
 */
export function closeGateArmed(market: Market, clock: ManualClock, ref: { armed: boolean }): void {
  placeCrossingPair(market);
  clock.set(DAY - 5 * MIN);
  ref.armed = true;
  market.advanceTo(DAY - 5 * MIN);
}

/**
 * A custom mechanism that clears as `uniform` and then, once `ref.armed` (disarming it), calls
 * `nested` with `ref.market`: user code re-entering the market whose gate it clears.
 */
export function nestingMechanism(ref: { market?: Market; armed: boolean }, nested: (m: Market) => void): AuctionMechanism {
  return {
    name: 'nesting',
    properties: BUILT_IN_MECHANISMS.uniform.properties,
    clear(orders, context) {
      const result = BUILT_IN_MECHANISMS.uniform.clear(orders, context);
      if (ref.armed && ref.market !== undefined) {
        ref.armed = false;
        nested(ref.market);
      }
      return result;
    },
  };
}

/**
 * A custom mechanism that fails (MECHANISM_FAILED at gate closure) on any auction holding a bid
 * whose price is in `bad`, and clears as `uniform` otherwise: decided by the orders alone, so a
 * replay decides alike.
 */
export function failingOn(bad: ReadonlySet<number>): AuctionMechanism {
  return {
    name: 'picky',
    properties: BUILT_IN_MECHANISMS.uniform.properties,
    clear(orders, context) {
      for (let i = 0; i < orders.bids.count; i++) if (bad.has(orders.bids.price[i] as number)) throw new Error('picky');
      return BUILT_IN_MECHANISMS.uniform.clear(orders, context);
    },
  };
}
