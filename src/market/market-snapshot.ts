import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import type { LedgerSnapshot } from '../ledger/ledger-snapshot.js';
import { OrderBook } from '../order-book/order-book.js';
import type { OrderBookSnapshot } from '../order-book/book-snapshot.js';
import { wireBook } from './continuous-trading.js';
import type { MarketCore, ProductState } from './market-core.js';
import { TradeRecord } from './market-trade.js';
import { UTILITY_PARTICIPANT, type ParticipantRecord } from './participant-registry.js';

/** The format tag of a {@link MarketSnapshot}. */
export const MARKET_SNAPSHOT_FORMAT = 'wattmarket/market';
/** The version of {@link MarketSnapshot} this library writes and reads. */
export const MARKET_SNAPSHOT_VERSION = 1;

/** An order's collateral in a {@link MarketSnapshot}, in the ledger's steps. */
export interface MarketSnapshotReservation {
  /** The order id. */
  readonly orderId: string;
  /** The participant. */
  readonly owner: string;
  /** `'buy'` (money held) or `'sell'` (energy held). */
  readonly side: 'buy' | 'sell';
  /** Limit price, ticks. */
  readonly limit: number;
  /** Open quantity, energy steps. */
  readonly open: number;
  /** Held by the pending transfer, steps of the reserved asset. */
  readonly held: number;
  /** The number of the current pending transfer's id (`collateral/<order>/<number>`). */
  readonly number: number;
}

/** A participant in a {@link MarketSnapshot}. */
export interface MarketSnapshotParticipant {
  /** Its id. */
  readonly id: string;
  /** Its zone. */
  readonly zone: string;
}

/** An open order in a {@link MarketSnapshot}. */
export interface MarketSnapshotOrder {
  /** Its id. */
  readonly id: string;
  /** Its participant. */
  readonly participant: string;
  /** Its product's zone index and interval start. */
  readonly zone: number;
  /** Its product's interval start, ms. */
  readonly start: number;
  /** Its side. */
  readonly side: 'buy' | 'sell';
  /** Limit price, ticks; null for a market order. */
  readonly priceTicks: number | null;
  /** Open quantity, quantity steps. */
  readonly lots: number;
  /** Where it waits. */
  readonly venue: 'book' | 'sealed';
  /** Arrival number. */
  readonly seq: number;
  /** Its collateral, or null. */
  readonly reservation: MarketSnapshotReservation | null;
}

/** A trade in a {@link MarketSnapshot}: its integers (see `TradeRecord`). */
export interface MarketSnapshotTrade {
  /** Number in its product, from 1. */
  readonly number: number;
  /** Buy order id. */
  readonly buyOrderId: string;
  /** Sell order id. */
  readonly sellOrderId: string;
  /** Buyer. */
  readonly buyer: string;
  /** Seller. */
  readonly seller: string;
  /** Quantity steps. */
  readonly lots: number;
  /** Buyer price, ticks. */
  readonly buyerTicks: number;
  /** Seller price, ticks. */
  readonly sellerTicks: number;
  /** Zone fee, ticks. */
  readonly feeTicks: number;
  /** Money already posted by collateral, money steps. */
  readonly buyerPrepaid: number;
}

/** A product in a {@link MarketSnapshot}. */
export interface MarketSnapshotProduct {
  /** Its phase. */
  readonly phase: 'open' | 'call' | 'closed';
  /** Its book, when it has one. */
  readonly book: OrderBookSnapshot | null;
  /** Sealed order ids, in the auction's order. */
  readonly sealed: readonly string[];
  /** Ids of the orders its auction cleared. */
  readonly cleared: readonly string[];
  /** Its trades, in order. */
  readonly trades: readonly MarketSnapshotTrade[];
}

/** A delivery interval in a {@link MarketSnapshot}. */
export interface MarketSnapshotInterval {
  /** Its start, ms. */
  readonly start: number;
  /** Whether its gate has been processed. */
  readonly closed: boolean;
  /** Whether it is settled. */
  readonly settled: boolean;
  /** Its products by zone index (null where none). */
  readonly products: readonly (MarketSnapshotProduct | null)[];
}

/**
 * A market's state as plain JSON-serialisable data (numbers, strings, booleans, arrays, objects),
 * from {@link Market.snapshot}; {@link Market.restore} rebuilds a market with the same state hash.
 * Auction results (`Market.auctionResult`) and settlement results are not kept: the trades and
 * the settled flags are.
 */
export interface MarketSnapshot {
  /** Always {@link MARKET_SNAPSHOT_FORMAT}. */
  readonly format: string;
  /** {@link MARKET_SNAPSHOT_VERSION}. */
  readonly version: number;
  /** The options hash of the market (as in its journal's init entry). */
  readonly optionsHash: string;
  /** The hash of the ledger the market was given, before it opened its accounts (part of the options hash). */
  readonly initialLedgerHash: string;
  /** The market's sequence number. */
  readonly sequence: number;
  /** The market's processed time, ms. */
  readonly time: number;
  /** The next order arrival number. */
  readonly arrivals: number;
  /** Participants (the utility's too), in registration order. */
  readonly participants: readonly MarketSnapshotParticipant[];
  /** Open orders, in arrival order. */
  readonly orders: readonly MarketSnapshotOrder[];
  /** Intervals held, in the market's order. */
  readonly intervals: readonly MarketSnapshotInterval[];
  /** Starts of settled intervals forgotten by prune. */
  readonly prunedSettled: readonly number[];
  /** The ledger. */
  readonly ledger: LedgerSnapshot;
}

/** Takes a snapshot of a market's state between commands. */
export function takeSnapshot(core: MarketCore, sequence: number, optionsHash: string, initialLedgerHash: string): MarketSnapshot {
  const live = core.live;
  const collateral = core.collateral;
  const orders: MarketSnapshotOrder[] = live.values().map((o) => ({
    id: o.id,
    participant: o.participant.id,
    zone: o.product.zoneIndex,
    start: o.product.start,
    side: o.side,
    priceTicks: Number.isNaN(o.priceTicks) ? null : o.priceTicks,
    lots: o.lots,
    venue: o.venue,
    seq: o.seq,
    reservation: o.reservation >= 0 && collateral !== undefined ? collateral.exportSlot(o.reservation) : null,
  }));
  const intervals: MarketSnapshotInterval[] = [...core.intervals.values()].map((i) => ({
    start: i.start,
    closed: i.closed,
    settled: i.settled,
    products: i.products.map((p) => (p === undefined ? null : productSnapshot(core, p))),
  }));
  return JSON.parse(JSON.stringify({
    format: MARKET_SNAPSHOT_FORMAT,
    version: MARKET_SNAPSHOT_VERSION,
    optionsHash,
    initialLedgerHash,
    sequence,
    time: core.processed,
    arrivals: core.arrivals,
    participants: [...core.registry.all()].map((p) => ({ id: p.id, zone: p.zone })),
    orders,
    intervals,
    prunedSettled: [...core.prunedSettled],
    ledger: core.config.ledger.snapshot(),
  })) as MarketSnapshot;
}

function productSnapshot(core: MarketCore, p: ProductState): MarketSnapshotProduct {
  return {
    phase: p.phase,
    book: p.book === undefined ? null : p.book.snapshot(),
    sealed: p.sealed.slots.map((slot) => core.live.idOf(slot)),
    cleared: p.sealed.clearedIds,
    trades: p.trades.map((t) => ({
      number: t.number, buyOrderId: t.buyOrderId, sellOrderId: t.sellOrderId, buyer: t.buyer, seller: t.seller,
      lots: t.lots, buyerTicks: t.buyerTicks, sellerTicks: t.sellerTicks, feeTicks: t.feeTicks, buyerPrepaid: t.buyerPrepaid,
    })),
  };
}

/**
 * Fills a new market's core (made on the ledger restored from `snapshot.ledger`) with the
 * snapshot's state. The snapshot's shape was checked by the caller ({@link checkSnapshotHead});
 * anything inconsistent in it is refused with INVALID_SNAPSHOT.
 */
export function restoreMarketState(core: MarketCore, snapshot: MarketSnapshot, fn: string): void {
  const { config } = core;
  const bad = (what: string): never => fail(ErrorCode.INVALID_SNAPSHOT, fn, what);
  try {
    core.processed = snapshot.time;
    core.arrivals = snapshot.arrivals;
    for (const p of snapshot.participants) {
      const zoneIndex = config.zoneIndex.get(p.zone);
      if (zoneIndex === undefined) bad(`participant '${p.id}' is in an unknown zone`);
      const record: ParticipantRecord = {
        id: p.id, zone: p.zone, zoneIndex: zoneIndex as number, money: `${p.id}:${config.currency.code}`, energy: `${p.id}:kWh`,
        utility: p.id === UTILITY_PARTICIPANT, moneyIndex: -1, energyIndex: -1, number: -1,
      };
      core.registry.adopt(record);
    }
    for (const start of snapshot.prunedSettled) core.prunedSettled.add(start);
    for (const i of snapshot.intervals) {
      const interval = core.interval(i.start);
      interval.closed = i.closed;
      interval.settled = i.settled;
      i.products.forEach((ps, z) => {
        if (ps === null) return;
        const p = core.product(z, i.start);
        p.phase = ps.phase;
        if (ps.book !== null) p.book = wireBook(core, OrderBook.restore(ps.book));
        p.sealed.clearedIds = ps.cleared;
        for (const t of ps.trades) {
          const record = new TradeRecord(t.number, p.id, i.start, t.buyOrderId, t.sellOrderId, t.buyer, t.seller, t.lots, t.buyerTicks, t.sellerTicks, t.feeTicks, config);
          record.buyerPrepaid = t.buyerPrepaid;
          p.trades.push(record);
        }
      });
    }
    const slots = new Map<string, number>();
    for (const o of snapshot.orders) {
      const participant = core.registry.get(o.participant) ?? bad(`order '${o.id}' names an unknown participant`);
      const product = core.findProduct(o.zone, o.start) ?? bad(`order '${o.id}' names a product the snapshot does not hold`);
      const r = o.reservation === null ? -1 : (core.collateral ?? bad('the snapshot holds collateral; the options have none')).importSlot(o.reservation, fn);
      const slot = core.live.add(o.id, participant, product, o.side, o.priceTicks ?? NaN, o.lots, o.venue, r, o.seq);
      slots.set(o.id, slot);
      if (o.venue === 'book') {
        product.bookSlots.push(slot);
        product.bookSeqs.push(o.seq);
      }
    }
    for (const i of snapshot.intervals) {
      i.products.forEach((ps, z) => {
        if (ps === null) return;
        const p = core.findProduct(z, i.start) as ProductState;
        for (const id of ps.sealed) p.sealed.push(slots.get(id) ?? bad(`sealed order '${id}' is not among the open orders`));
      });
    }
  } catch (e) {
    if (e instanceof TypeError) bad(`malformed: ${e.message}`);
    throw e;
  }
}

/** Checks a snapshot's format, version and the fields read before the ledger is restored. */
export function checkSnapshotHead(snapshot: unknown, fn: string): MarketSnapshot {
  const s = snapshot as Partial<MarketSnapshot> | null;
  if (typeof s !== 'object' || s === null || s.format !== MARKET_SNAPSHOT_FORMAT || s.version !== MARKET_SNAPSHOT_VERSION) {
    fail(ErrorCode.INVALID_SNAPSHOT, fn, `not a ${MARKET_SNAPSHOT_FORMAT} snapshot of version ${MARKET_SNAPSHOT_VERSION}`);
  }
  for (const key of ['optionsHash', 'initialLedgerHash'] as const) if (typeof s[key] !== 'string') fail(ErrorCode.INVALID_SNAPSHOT, fn, `${key} is missing`);
  for (const key of ['sequence', 'time', 'arrivals'] as const) if (!Number.isSafeInteger(s[key])) fail(ErrorCode.INVALID_SNAPSHOT, fn, `${key} is not a whole number`);
  for (const key of ['participants', 'orders', 'intervals', 'prunedSettled'] as const) if (!Array.isArray(s[key])) fail(ErrorCode.INVALID_SNAPSHOT, fn, `${key} is not an array`);
  return s as MarketSnapshot;
}
