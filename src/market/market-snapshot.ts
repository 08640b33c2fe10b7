import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import { OrderBook } from '../order-book/order-book.js';
import { wireBook } from './continuous-trading.js';
import type { MarketCore, ProductState } from './market-core.js';
import { TradeRecord } from './market-trade.js';
import { UTILITY_PARTICIPANT, type ParticipantRecord } from './participant-registry.js';
import { MARKET_SNAPSHOT_FORMAT, MARKET_SNAPSHOT_VERSION, type MarketSnapshot, type MarketSnapshotInterval, type MarketSnapshotOrder, type MarketSnapshotProduct } from './market-snapshot-types.js';

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
    ...(i.linkUse === undefined ? {} : { linkUse: [...i.linkUse] }),
  }));
  return JSON.parse(JSON.stringify({
    format: MARKET_SNAPSHOT_FORMAT,
    version: MARKET_SNAPSHOT_VERSION,
    optionsHash,
    initialLedgerHash,
    sequence,
    time: core.processed,
    lastCommandTime: core.lastCommandTime,
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
      ...(t.rentTicks === 0 ? {} : { rentTicks: t.rentTicks }),
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
    core.lastCommandTime = snapshot.lastCommandTime ?? snapshot.time;
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
      if (i.linkUse !== undefined) {
        const Z = config.zones.length;
        if (config.capacity === undefined || !Array.isArray(i.linkUse) || i.linkUse.length !== Z * Z || !i.linkUse.every((x) => Number.isSafeInteger(x) && x >= 0)) {
          bad(`the link use of the interval starting ${i.start} does not fit the options`);
        }
        interval.linkUse = Float64Array.from(i.linkUse);
      }
      i.products.forEach((ps, z) => {
        if (ps === null) return;
        const p = core.product(z, i.start);
        p.phase = ps.phase;
        if (ps.book !== null) p.book = wireBook(core, OrderBook.restore(ps.book));
        p.sealed.clearedIds = ps.cleared;
        for (const t of ps.trades) {
          const record = new TradeRecord(t.number, p.id, i.start, t.buyOrderId, t.sellOrderId, t.buyer, t.seller, t.lots, t.buyerTicks, t.sellerTicks, t.feeTicks, config);
          record.buyerPrepaid = t.buyerPrepaid;
          if (t.rentTicks !== undefined) record.rentTicks = Number.isSafeInteger(t.rentTicks) && t.rentTicks !== 0 ? t.rentTicks : bad(`trade ${t.number} of ${p.id} has a bad rentTicks`);
          p.trades.push(record);
        }
      });
    }
    const slots = new Map<string, number>();
    for (const o of snapshot.orders) {
      const participant = core.registry.get(o.participant) ?? bad(`order '${o.id}' names an unknown participant`);
      const product = core.findProduct(o.zone, o.start) ?? bad(`order '${o.id}' names a product the snapshot does not hold`);
      const r = o.reservation === null ? -1 : (core.collateral ?? bad('the snapshot holds collateral; the options have none')).importSlot(o.reservation, fn);
      // A snapshot's ids are not vouched for by this market's checks: a repeated id or one in the
      // utility's '@' prefix leaves the clearing's own duplicate check on (MarketCore.idsVouched).
      if (typeof o.id !== 'string' || o.id === '' || o.id.charCodeAt(0) === 64 || slots.has(o.id)) core.idsVouched = false;
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
        const seen = new Set<string>();
        for (const id of ps.sealed) {
          if (seen.has(id)) core.idsVouched = false;
          seen.add(id);
          p.sealed.push(slots.get(id) ?? bad(`sealed order '${id}' is not among the open orders`));
        }
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
  if (s.lastCommandTime !== undefined && !Number.isSafeInteger(s.lastCommandTime)) fail(ErrorCode.INVALID_SNAPSHOT, fn, 'lastCommandTime is not a whole number');
  for (const key of ['participants', 'orders', 'intervals', 'prunedSettled'] as const) if (!Array.isArray(s[key])) fail(ErrorCode.INVALID_SNAPSHOT, fn, `${key} is not an array`);
  return s as MarketSnapshot;
}
