import type { ResolvedAuctionOptions } from '../auction/auction-options.js';
import type { AuctionOutcome } from '../auction/auction-outcome.js';
import type { AuctionResult } from '../auction/auction-result.js';
import { clearAuctionSteps } from '../auction/clear-auction-steps.js';
import { capacitatedOptions, useLink } from './link-capacity.js';
import type { IntervalState, MarketCore, ProductState } from './market-core.js';
import { TradeRecord } from './market-trade.js';
import { UTILITY_PARTICIPANT } from './participant-registry.js';

const FN = 'Market.advanceTo';

/**
 * The auctions of the interval starting at `start`, cleared at its gate closure but not yet
 * applied: one joint auction over every auction product of the interval when the market has zone
 * fees (a trade across zones pays the fee), else one per product, in zone order. Every mechanism
 * runs here, before anything changes, so that a mechanism that fails (a custom one throwing or
 * breaking its declared properties) leaves the gate entirely undone. Without zone fees each
 * product's auction reads only its own zone's link (a zone trades with no other then), so the
 * auctions of one gate do not depend on each other's trades and may all run first.
 * @throws WattError MECHANISM_FAILED (nothing has changed).
 */
export function clearIntervalAuctions(core: MarketCore, start: number): readonly ClearedGroup[] {
  const interval = core.intervals.get(start);
  if (interval === undefined) return [];
  const products = interval.products.filter((p): p is ProductState => p !== undefined && p.phase !== 'closed' && p.mode !== 'continuous');
  if (core.config.coupled) return products.length > 0 ? [clearGroup(core, products, optionsFor(core, interval, undefined))] : [];
  return products.map((p) => clearGroup(core, [p], optionsFor(core, interval, p.zone)));
}

/**
 * Applies the auctions {@link clearIntervalAuctions} cleared, in order. With link capacities
 * their trades use the interval's links up. Every sealed order leaves the market: filled ones
 * through their trades, the rest with reason 'unfilled', releasing collateral.
 */
export function applyIntervalAuctions(core: MarketCore, start: number, groups: readonly ClearedGroup[]): void {
  for (const g of groups) applyGroup(core, start, g);
}

/** The options of one clearing: the market's, with what the interval has left of each link. */
function optionsFor(core: MarketCore, interval: IntervalState, zone: string | undefined): ResolvedAuctionOptions {
  const { config } = core;
  const base = config.auctionResolved;
  if (config.capacity === undefined) return base;
  return capacitatedOptions(base, config.capacity, interval.linkUse, config.zones, config.zoneIndex, zone) ?? base;
}

/**
 * Counts an auction's trades into its interval's link use and gives each trade across a full
 * link its congestion rent: what its buyer pays beyond the seller's price and the fee.
 */
function useLinks(core: MarketCore, start: number, result: AuctionResult, trades: readonly TradeRecord[], zonesOf: readonly (readonly [string | undefined, string | undefined])[]): void {
  const { config } = core;
  const interval = core.interval(start);
  const full = new Set<string>();
  for (const f of result.flows) if (f.congested) full.add(`${f.from}\u0000${f.to}`);
  const Z = config.zones.length;
  trades.forEach((record, k) => {
    const [from, to] = zonesOf[k] as readonly [string | undefined, string | undefined];
    const y = from === undefined ? undefined : config.zoneIndex.get(from);
    const z = to === undefined ? undefined : config.zoneIndex.get(to);
    if (y === undefined || z === undefined) return;
    interval.linkUse = useLink(interval.linkUse, Z, y, z, record.lots);
    if (full.has(`${from as string}\u0000${to as string}`)) record.rentTicks = record.buyerTicks - record.sellerTicks - record.feeTicks;
  });
}

/**
 * One auction of a gate, cleared: its orders as auction columns (by input position) and the
 * result, with each position's live number for finding the trades' orders.
 * @internal
 */
export interface ClearedGroup {
  readonly products: readonly ProductState[];
  readonly ids: string[];
  /** Each auction position's owner. */
  readonly owners: string[];
  /** Per live number (the market's own orders, in order): its product and order slot. */
  readonly owner: ProductState[];
  readonly slots: number[];
  /** Per auction position: its live number, or -1 for the utility's. */
  readonly liveOf: readonly number[];
  /** Each product's first auction position. */
  readonly firsts: readonly number[];
  /** Whether the auction had zones (a joint auction: trades name their zones). */
  readonly zoned: boolean;
  /** The auction's result; undefined when the products had no orders at all. */
  readonly result: AuctionOutcome | undefined;
}

function clearGroup(core: MarketCore, products: readonly ProductState[], options: ResolvedAuctionOptions): ClearedGroup {
  const { config } = core;
  const zoneOf = options.zones !== undefined;
  // The orders as integer columns by auction input position: each product's live orders, then
  // its utility orders. Live orders are numbered apart (owner, slot, fill: by live number); a
  // position's live number is in `liveOf` (-1: the utility's). Sized once: grown push by push,
  // these columns were most of what an auction allocated.
  let open = 0;
  for (const p of products) open += p.sealed.length;
  const room = open + (config.utilityOrders ? 2 * products.length : 0);
  const ids = new Array<string>(room);
  const owners = new Array<string>(room);
  const buy = new Array<boolean>(room);
  const priceTicks = new Array<number>(room);
  const lots = new Array<number>(room);
  const zones: string[] | undefined = zoneOf ? new Array<string>(room) : undefined;
  const live = core.live;
  const owner = new Array<ProductState>(open);
  const slots = new Array<number>(open);
  // A plain array, as the columns above: an auction's typed array is an ArrayBuffer outside the
  // heap, an allocation the garbage collector tracks, and a gate clears many small auctions.
  const liveOf = new Array<number>(room);
  const firsts: number[] = [];
  let at = 0;
  let liveAt = 0;
  for (const p of products) {
    firsts.push(at);
    let bidLots = 0;
    let askLots = 0;
    // By position, not through `slots` (a copy made through an iterator: two arrays an auction).
    const sealed = p.sealed;
    for (let i = 0; i < sealed.length; i++) {
      const slot = sealed.at(i);
      const isBuy = live.isBuy(slot);
      const q = live.lotsOf(slot);
      ids[at] = live.idOf(slot);
      owners[at] = live.participantOf(slot).id;
      buy[at] = isBuy;
      priceTicks[at] = live.priceOf(slot);
      lots[at] = q;
      if (zones !== undefined) zones[at] = p.zone;
      liveOf[at] = liveAt;
      at++;
      owner[liveAt] = p;
      slots[liveAt] = slot;
      liveAt++;
      if (isBuy) bidLots += q;
      else askLots += q;
    }
    // The utility stands ready to sell everything bid at the retail price and to buy everything
    // offered at the feed-in price, so every order has a counterparty at the band's edge.
    if (config.utilityOrders) {
      if (bidLots > 0) {
        ids[at] = `${UTILITY_PARTICIPANT}/${p.id}/sell`;
        owners[at] = UTILITY_PARTICIPANT;
        buy[at] = false;
        priceTicks[at] = config.retailTicks;
        lots[at] = bidLots;
        if (zones !== undefined) zones[at] = p.zone;
        liveOf[at] = -1;
        at++;
      }
      if (askLots > 0) {
        ids[at] = `${UTILITY_PARTICIPANT}/${p.id}/buy`;
        owners[at] = UTILITY_PARTICIPANT;
        buy[at] = true;
        priceTicks[at] = config.feedInTicks;
        lots[at] = askLots;
        if (zones !== undefined) zones[at] = p.zone;
        liveOf[at] = -1;
        at++;
      }
    }
  }
  if (at < room) {
    // Utility orders not made (a side without orders): the columns end at the last order.
    ids.length = at;
    owners.length = at;
    buy.length = at;
    priceTicks.length = at;
    lots.length = at;
    if (zones !== undefined) zones.length = at;
  }
  // Where the market vouches for them (MarketCore.idsVouched), the ids are distinct (live orders'
  // ids are unique, and the utility's start with '@', which the market refuses in an order id) and
  // ids and owners are non-empty strings (checked when each order was placed; the utility's are
  // the market's own): the clearing need not hash the ids to look for repeats nor check the names
  // again. Elsewhere (collateral, a restored snapshot) it checks, as clearAuction does.
  const vouched = core.idsVouched;
  const result =
    ids.length === 0 ? undefined : clearAuctionSteps({ count: ids.length, ids, owners, buy, priceTicks, lots, zones, idsDistinct: vouched, namesChecked: vouched }, options, 'prevent');
  return { products, ids, owners, owner, slots, liveOf, firsts, zoned: zoneOf, result };
}

function applyGroup(core: MarketCore, start: number, group: ClearedGroup): void {
  const { products, ids, owners, owner, slots, liveOf, firsts, zoned, result } = group;
  if (result === undefined) {
    for (const p of products) p.phase = 'closed';
    return;
  }
  const { config } = core;
  const live = core.live;
  const n = owner.length;
  // Lots filled per live number (a plain array: see liveOf).
  const filled = new Array<number>(n).fill(0);
  const byZone = zoned ? new Map<string, ProductState>(products.map((p) => [p.zone, p])) : undefined;
  const collateral = core.collateral;
  const recorded: TradeRecord[] = [];
  // The trades read as the result's columns, each order found by its input position: no trade
  // object made to be dropped, no look-up of ids (the ids are unique within an auction, so an
  // id's position is its input position).
  const count = result.tradeCount;
  for (let i = 0; i < count; i++) {
    const q = result.tradeLots(i);
    const buyAt = result.tradeBuyInput(i);
    const sellAt = result.tradeSellInput(i);
    const b = liveOf[buyAt] as number;
    const buyerTicks = result.tradeBuyerTicks(i);
    // A buyer's own product; for the utility's orders, the product of the buyer's zone.
    const product: ProductState =
      (b < 0 ? undefined : owner[b]) ?? (byZone === undefined ? undefined : byZone.get(result.tradeBuyerZone(i) as string)) ?? (products[0] as ProductState);
    const record = new TradeRecord(
      product.trades.length + 1,
      product.id,
      start,
      ids[buyAt] as string,
      ids[sellAt] as string,
      owners[buyAt] as string,
      owners[sellAt] as string,
      q,
      buyerTicks,
      result.tradeSellerTicks(i),
      result.tradeFeeTicks(i),
      config,
    );
    if (b >= 0) {
      // Every sealed order leaves the market now: its fills are posted, and the rest of its
      // reservation released, for all orders in one ledger call below.
      const r = live.reservationOf(slots[b] as number);
      if (r >= 0 && collateral !== undefined) record.buyerPrepaid = collateral.fillDeferred(r, core.energySteps(q), buyerTicks, FN);
      filled[b] = (filled[b] as number) + q;
    }
    const s = liveOf[sellAt] as number;
    if (s >= 0) filled[s] = (filled[s] as number) + q;
    product.trades.push(record);
    recorded.push(record);
  }
  if (config.capacity !== undefined) useLinks(core, start, result, recorded, result.trades.map((t) => [t.sellerZone, t.buyerZone] as const));
  // The orders left unfilled, by live number, with their ids read now: once released, a slot
  // may hold another order by the time the events are built (user code runs in between: the
  // ledger's clock in the call below may prune and submit). They are wanted only for
  // 'orderCancelled' events, which are queued until the call ends: only user code run from here
  // on (the ledger's clock, with collateral) could add a listener, so without collateral whether
  // anyone listens is known now, and nobody listening (a simulation) spares the lists.
  const wantLeftOver = collateral !== undefined || core.listens('orderCancelled');
  const leftOver: number[] = [];
  const leftOverIds: string[] = [];
  const reserved: number[] = [];
  for (let g = 0; g < n; g++) {
    const slot = slots[g] as number;
    if (wantLeftOver && (filled[g] as number) < live.lotsOf(slot)) {
      leftOver.push(g);
      leftOverIds.push(live.idOf(slot));
    }
    const r = live.reservationOf(slot);
    if (r >= 0) reserved.push(r);
    live.release(slot);
  }
  products.forEach((p, k) => {
    // The orders are out of the market now: only their ids stay (in input order).
    const first = firsts[k] as number;
    p.sealed.cleared(ids.slice(first, first + p.sealed.length));
    p.auction = result;
    p.phase = 'closed';
  });
  // Every reservation of the auction ends in one ledger call: fills posted, the rest released.
  if (reserved.length > 0) collateral?.close(reserved, FN);
  if (core.listens('auctionCleared')) core.emit('auctionCleared', { products: products.map((p) => p.id), deliveryStart: start, result });
  if (core.listens('trade')) for (const r of recorded) core.emit('trade', r);
  if (core.listens('orderCancelled')) {
    leftOver.forEach((g, k) => core.emit('orderCancelled', { orderId: leftOverIds[k] as string, product: (owner[g] as ProductState).id, reason: 'unfilled' }));
  }
}
