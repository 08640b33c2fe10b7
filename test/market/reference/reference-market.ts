// A naive reference market: what `Market` promises, written from docs/market.md, docs/ledger.md,
// docs/auction.md, /work/shared/API.md and issue 11, as plain objects and integers. It imports
// nothing from src/; the continuous books are the order book's own naive ReferenceBook (itself
// proven against the docs) and auctions are the lot-ladder clearing of reference-auction.ts.
//
// What it models (the market the model-based test builds: price tick 1, quantity step 1 kWh,
// currency step 1, so every amount is an exact integer and no rounding is in play but the split
// grid fee's halves):
// - time: the market's time is the clock's or the last advanceTo target, whichever is later; an
//   advanceTo before the market's time is refused (INVALID_TIME, issue 11, defect 2); only advanceTo carries out gate
//   closures and call-phase starts, instant by instant (gate closures first, then call starts,
//   earlier intervals first, zones in order); everything else judges by the market's time;
// - participants, deposits and withdrawals (idempotent by id, per kind), money balance and
//   available money (balance less reservations);
// - collateral as the issue states it after the fixes: an open buy reserves limit x open quantity
//   (a market buy: retail x quantity) and nothing else is ever reserved (defect 1);
// - orders: validation in the documented order with the documented codes; continuous books with
//   self-trade prevention (cancel-taker); sealed auctions cleared at gate closure in arrival order
//   (uniform or discriminatory, input-order rationing) with the utility's standing orders
//   appended when `utilityOrders` is on; among equal prices arrival decides (a move to the back is
//   a new arrival), whether an order was sealed or came from the book at the call start (defect 4);
//   amend follows the phase the product is in by the market's time: a book order amended after the
//   call phase began by the clock joins the auction and does not trade (defect 5);
// - settlement of an interval: trades paid (less what collateral prepaid) and delivered, each
//   participant's deviation from its contracted position at the feed-in or retail price, the
//   per-kWh grid fee paid by buyer, seller or split (halves rounded half-even), all or nothing;
// - prune of settled intervals; the journal as a count of accepted commands.
// What it does not model (the test keeps these out): zone fees (coupled auctions), McAfee,
// trade reduction and Huang, pro-rata rationing, energy collateral, other price and quantity grids.
//
// A refusal is returned as `{ refused: code }`: a documented WattError code, or `decision:<name>`
// for a refusal whose code the docs do not fix yet; the test maps those (see EXPECTED_CODES).
import { ReferenceBook } from '../../order-book/reference-book.js';
import { refClear, type RefAuctionOrder } from './reference-auction.js';
import { refSettle, type RefReading } from './reference-settlement.js';
import { UTILITY, type Product, type RefMarketOrder, type RefMarketTrade, type RefMode, type RefOrderInput, type RefSetup, type RefSubmitOutcome, type Refused } from './reference-types.js';

export { UTILITY, type RefMarketOrder, type RefMarketTrade, type RefMode, type RefOrderInput, type RefSetup, type RefSubmitOutcome, type Refused };

const iso = (ms: number): string => new Date(ms).toISOString();

export class ReferenceMarket {
  /** The injected clock's time (moved by the test's clock command, never by the market). */
  clock: number;
  /** The last time advanceTo carried the market to (gate closures and call starts up to it are done). */
  processed: number;
  /** Arrival counter: an order's place among equal prices (a move to the back takes a new one). */
  private arrivals = 0;
  /** Accepted commands (the journal's length). */
  commands = 0;
  readonly zoneOf = new Map<string, string>();
  readonly money = new Map<string, number>();
  /** Deposit and withdrawal ids (`deposit/<id>`, `withdraw/<id>`) with what they moved. */
  readonly transfers = new Map<string, string>();
  readonly orders = new Map<string, RefMarketOrder>();
  readonly products = new Map<string, Product>();
  readonly settled = new Set<number>();
  readonly pruned = new Set<number>();
  /** Money prepaid into the clearing account by trades not settled yet. */
  clearing = 0;
  /** Trades made so far (the test's statistics). */
  tradeCount = 0;
  /** Every trade's id, in the order they were made. */
  readonly tradeIds: string[] = [];
  /** Lots each product has moved over its zone's own link (link capacities: docs/network.md). */
  private readonly linkUse = new Map<string, number>();

  constructor(readonly setup: RefSetup) {
    this.clock = setup.t0;
    this.processed = setup.t0;
  }

  /** The market's time: the clock's, or the last advanceTo target if that is later. */
  get now(): number {
    return Math.max(this.clock, this.processed);
  }

  // ---- schedule ---------------------------------------------------------------------------------

  productId(zone: string, start: number): string {
    return `${zone}@${iso(start)}`;
  }
  opensAt(start: number): number {
    return start - this.setup.horizonMs;
  }
  gate(start: number): number {
    return start - this.setup.gateMs;
  }
  callStart(start: number): number {
    return Math.max(this.opensAt(start), this.gate(start) - this.setup.callMs);
  }
  end(start: number): number {
    return start + this.setup.intervalMs;
  }
  isStart(start: number): boolean {
    return Number.isSafeInteger(start) && start % this.setup.intervalMs === 0;
  }
  modeOf(zone: string): RefMode {
    return this.setup.modes[this.setup.zones.indexOf(zone)] as RefMode;
  }

  status(zone: string, start: number): 'scheduled' | 'open' | 'call' | 'closed' | 'delivered' | 'settled' {
    if (this.settled.has(start)) return 'settled';
    if (this.now >= this.end(start)) return 'delivered';
    if (this.now >= this.gate(start)) return 'closed';
    if (this.now < this.opensAt(start)) return 'scheduled';
    return this.modeOf(zone) === 'continuous-then-auction' && this.now >= this.callStart(start) ? 'call' : 'open';
  }

  /** Where a new or amended order of the zone's product goes now, or why it cannot. */
  venue(zone: string, start: number): 'book' | 'sealed' | Refused {
    if (this.now < this.opensAt(start) || this.now >= this.gate(start)) return { refused: 'PRODUCT_CLOSED' };
    const mode = this.modeOf(zone);
    if (mode === 'auction') return 'sealed';
    if (mode === 'continuous') return 'book';
    return this.now >= this.callStart(start) ? 'sealed' : 'book';
  }

  private product(zone: string, start: number): Product {
    const id = this.productId(zone, start);
    let p = this.products.get(id);
    if (p === undefined) {
      p = { id, zone, zoneIndex: this.setup.zones.indexOf(zone), start, mode: this.modeOf(zone), phase: 'open', book: undefined, sealed: [], trades: [] };
      this.products.set(id, p);
    }
    return p;
  }

  // ---- money ------------------------------------------------------------------------------------

  /** What an open order reserves: limit x open quantity for a buy with collateral. */
  reservedBy(o: RefMarketOrder): number {
    if (!this.setup.collateral || o.side !== 'buy' || o.participant === UTILITY) return 0;
    return (o.price ?? this.setup.retail) * o.open;
  }

  reserved(participant: string): number {
    let sum = 0;
    for (const o of this.orders.values()) if (o.participant === participant) sum += this.reservedBy(o);
    return sum;
  }

  available(participant: string): number {
    return (this.money.get(participant) ?? 0) - this.reserved(participant);
  }

  /**
   * Whether a buy of `limit` x `lots` fits the participant's available money plus `held` (the
   * order's own). With `participantCredit` buys are not funds-checked (defect 17; the reservation
   * is still made and may take the available money below zero: the test's amounts never come near
   * BALANCE_OVERFLOW).
   */
  private covers(participant: string, limit: number, lots: number, held: number): boolean {
    if (!this.setup.collateral || this.setup.credit) return true;
    return limit * lots <= this.available(participant) + held;
  }

  /** Whether the command would be refused for funds without credit (the test's credit switch). */
  needsCredit(participant: string, limit: number, lots: number, held: number): boolean {
    return this.setup.collateral && limit * lots > this.available(participant) + held;
  }

  /**
   * Whether a buy would trade below its limit and rest with the rest (tried on a copy of the book):
   * the case of issue 11's defect 1, which the test's switch can leave out.
   */
  restsAfterBetterFill(id: string, participant: string, start: number, side: 'buy' | 'sell', price: number | undefined, quantity: number, tif: string | undefined, postOnly: boolean, amend = false): boolean {
    const zone = this.zoneOf.get(participant);
    if (zone === undefined || side !== 'buy' || price === undefined || !(quantity > 0)) return false;
    const book = this.products.get(this.productId(zone, start))?.book;
    if (book === undefined || this.venue(zone, start) !== 'book') return false;
    const trial = book.clone();
    if (!amend && this.orders.has(id)) return false;
    const r = !amend
      ? trial.submit({ id, owner: participant, sell: false, market: false, price, quantity, tif: (tif ?? 'GTC') as 'GTC', postOnly })
      : trial.amend(id, price, quantity);
    return !('error' in r) && r.status === 'resting' && r.trades.some((t) => t.price < price);
  }

  // ---- commands ---------------------------------------------------------------------------------

  register(id: string, zone: string | undefined): undefined | Refused {
    if (id.startsWith('@')) return { refused: 'INVALID_ID' };
    if (this.zoneOf.has(id)) return { refused: 'DUPLICATE_PARTICIPANT' };
    const z = zone ?? this.setup.zones[0] ?? 'main';
    if (!this.setup.zones.includes(z)) return { refused: 'UNKNOWN_ZONE' };
    this.zoneOf.set(id, z);
    this.money.set(id, 0);
    this.commands++;
    return undefined;
  }

  moveFunds(kind: 'deposit' | 'withdraw', id: string, participant: string, amount: number): 'created' | 'exists' | Refused {
    if (!this.zoneOf.has(participant)) return { refused: 'UNKNOWN_PARTICIPANT' };
    const key = `${kind}/${id}`;
    const fields = `${participant}|${amount}`;
    const seen = this.transfers.get(key);
    if (seen !== undefined) return seen === fields ? 'exists' : { refused: 'TRANSFER_CONFLICT' };
    // Withdrawals stay limited to the money available, on credit too (defect 17).
    if (kind === 'withdraw' && amount > this.available(participant)) return { refused: 'INSUFFICIENT_FUNDS' };
    this.transfers.set(key, fields);
    this.money.set(participant, (this.money.get(participant) as number) + (kind === 'deposit' ? amount : -amount));
    this.commands++;
    return 'created';
  }

  submit(o: RefOrderInput): RefSubmitOutcome | Refused {
    if (this.orders.has(o.id)) return { refused: 'DUPLICATE_ORDER_ID' };
    const zone = this.zoneOf.get(o.participant);
    if (zone === undefined) return { refused: 'UNKNOWN_PARTICIPANT' };
    if (!this.isStart(o.start)) return { refused: 'UNKNOWN_PRODUCT' };
    const venue = this.venue(zone, o.start);
    if (typeof venue === 'object') return venue;
    if (!(o.quantity > 0)) return { refused: 'INVALID_QUANTITY' };
    const market = o.type === 'market';
    if (market) {
      if (venue === 'sealed') return { refused: 'INVALID_ORDER_TYPE' };
      if (o.price !== undefined) return { refused: 'INVALID_PRICE' };
      if (o.timeInForce === 'GTC') return { refused: 'INVALID_TIME_IN_FORCE' };
      if (o.postOnly === true) return { refused: 'INVALID_ORDER_TYPE' };
    } else {
      if (o.price === undefined) return { refused: 'INVALID_PRICE' };
      if (o.price < this.setup.feedIn || o.price > this.setup.retail) return { refused: 'PRICE_OUT_OF_BAND' };
      if (venue === 'sealed' && (o.timeInForce !== undefined || o.postOnly === true)) return { refused: 'INVALID_TIME_IN_FORCE' };
      if (o.postOnly === true && o.timeInForce !== undefined && o.timeInForce !== 'GTC') return { refused: 'INVALID_TIME_IN_FORCE' };
    }
    if (o.id.startsWith('@')) return { refused: 'INVALID_ID' };
    if (o.side === 'buy' && !this.covers(o.participant, o.price ?? this.setup.retail, o.quantity, 0)) return { refused: 'INSUFFICIENT_FUNDS' };
    this.commands++;
    const p = this.product(zone, o.start);
    // An order call after the call start starts the product's call phase (docs/market.md, "Phase rules").
    if (venue === 'sealed') this.startProductCall(p);
    const order: RefMarketOrder = { id: o.id, participant: o.participant, zone, start: o.start, product: p.id, side: o.side, price: market ? undefined : o.price, open: o.quantity, venue, arrival: ++this.arrivals };
    this.orders.set(o.id, order);
    if (venue === 'sealed') {
      p.sealed.push(o.id);
      return { product: p.id, status: 'sealed', trades: [], filled: 0, remaining: o.quantity };
    }
    p.book ??= new ReferenceBook('cancel-taker');
    const tif = o.timeInForce ?? (market ? 'IOC' : 'GTC');
    if (o.postOnly !== true && o.quantity > this.linkLeft(p)) {
      const c = this.capped(p, o.id, o.participant, o.side === 'sell', market, o.price ?? 0, o.quantity, tif);
      return { product: p.id, status: c.status, trades: c.trades, filled: c.filled, remaining: c.remaining };
    }
    const r = p.book.submit({
      id: o.id, owner: o.participant, sell: o.side === 'sell', market, price: o.price ?? 0, quantity: o.quantity,
      tif, postOnly: o.postOnly === true,
    });
    if ('error' in r) throw new Error('reference: duplicate id in a book');
    const trades = this.bookTrades(p, r.trades);
    this.syncBook(p);
    return { product: p.id, status: r.status, trades, filled: r.filled, remaining: r.status === 'resting' ? r.remaining : 0 };
  }

  cancel(id: string): boolean {
    const o = this.orders.get(id);
    if (o === undefined || this.now >= this.gate(o.start)) return false;
    this.commands++;
    const p = this.products.get(o.product) as Product;
    if (o.venue === 'book') p.book?.cancel(id);
    else p.sealed = p.sealed.filter((x) => x !== id);
    this.orders.delete(id);
    return true;
  }

  amend(id: string, price: number | undefined, quantity: number | undefined): RefSubmitOutcome | Refused {
    const o = this.orders.get(id);
    if (o === undefined) return { refused: 'UNKNOWN_ORDER' };
    const venue = this.venue(o.zone, o.start);
    if (typeof venue === 'object') return venue;
    if (price === undefined && quantity === undefined) return { refused: 'INVALID_ARGUMENT' };
    if (quantity !== undefined && !(quantity > 0)) return { refused: 'INVALID_QUANTITY' };
    if (price !== undefined && o.price === undefined) return { refused: 'INVALID_PRICE' };
    if (price !== undefined && (price < this.setup.feedIn || price > this.setup.retail)) return { refused: 'PRICE_OUT_OF_BAND' };
    const newPrice = price ?? o.price;
    const newOpen = quantity ?? o.open;
    if (o.side === 'buy' && !this.covers(o.participant, newPrice ?? this.setup.retail, newOpen, this.reservedBy(o))) return { refused: 'INSUFFICIENT_FUNDS' };
    this.commands++;
    const p = this.products.get(o.product) as Product;
    const toBack = newPrice !== o.price || newOpen > o.open;
    // The call phase has begun by the clock though advanceTo has not carried it out: the amend
    // starts it, so the order follows the phase its product is in (defect 5) and the book's
    // orders (this one too) leave the book for the auction.
    if (venue === 'sealed') this.startProductCall(p);
    if (toBack) o.arrival = ++this.arrivals;
    if (o.venue === 'book') {
      const book = p.book as ReferenceBook;
      // A new price that would trade more than the link has left: a new GTC order capped to it.
      if (newPrice !== o.price && book.find(id)?.postOnly === false && newOpen > this.linkLeft(p)) {
        book.cancel(id);
        const c = this.capped(p, id, o.participant, o.side === 'sell', false, newPrice as number, newOpen, 'GTC');
        return { product: p.id, status: c.status, trades: c.trades, filled: c.filled, remaining: c.remaining };
      }
      const r = book.amend(id, price, newOpen);
      if ('error' in r) throw new Error('reference: amend of an order not in the book');
      const trades = this.bookTrades(p, r.trades);
      this.syncBook(p);
      return { product: p.id, status: r.status, trades, filled: r.filled, remaining: r.status === 'resting' ? r.remaining : 0 };
    }
    o.price = newPrice;
    o.open = newOpen;
    return { product: p.id, status: 'sealed', trades: [], filled: 0, remaining: newOpen };
  }

  advanceTo(time: number): undefined | Refused {
    // Time never goes back: a time before the market's (the clock's or the last advance's) is refused (defect 2).
    if (!Number.isSafeInteger(time) || time < this.now) return { refused: 'INVALID_TIME' };
    this.commands++;
    const steps: [number, 0 | 1, number][] = [];
    const I = this.setup.intervalMs;
    // Every interval whose gate or call start lies in (processed, time].
    const from = this.processed;
    for (let start = Math.floor((from + this.setup.gateMs) / I) * I; this.gate(start) <= time; start += I) {
      if (this.gate(start) > from) steps.push([this.gate(start), 0, start]);
    }
    if (this.setup.modes.includes('continuous-then-auction')) {
      for (let start = Math.floor(from / I) * I; this.callStart(start) <= time; start += I) {
        const at = this.callStart(start);
        if (at > from && at > this.opensAt(start)) steps.push([at, 1, start]);
      }
    }
    steps.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
    for (const [at, kind, start] of steps) {
      this.processed = at;
      if (kind === 0) this.closeGate(start);
      else this.startCall(start);
    }
    this.processed = time;
    return undefined;
  }

  settle(start: number, readings: readonly RefReading[]): Refused | undefined {
    if (!this.isStart(start)) return { refused: 'UNKNOWN_PRODUCT' };
    // Settling twice is refused, also after prune forgot the interval (defect 10).
    if (this.settled.has(start)) return { refused: 'ALREADY_SETTLED' };
    if (this.processed < this.gate(start) || this.now < this.end(start)) return { refused: 'NOT_SETTLEABLE' };
    for (const r of readings) if (!this.zoneOf.has(r.participant)) return { refused: 'UNKNOWN_PARTICIPANT' };
    const trades = this.tradesOf(start);
    const outcome = refSettle(trades, readings, this.setup);
    if (typeof outcome === 'string') return { refused: outcome };
    // Settlement never fails for money: a participant short of money ends in debt (defect 17).
    this.commands++;
    for (const [participant, delta] of outcome) if (participant !== UTILITY) this.money.set(participant, (this.money.get(participant) as number) + delta);
    for (const t of trades) this.clearing -= t.prepaid;
    this.settled.add(start);
    return undefined;
  }

  /** What settling the interval would do to each participant's money (the test's short-settlement switch). */
  settlementDeltas(start: number, readings: readonly RefReading[]): Map<string, number> | string {
    return refSettle(this.tradesOf(start), readings, this.setup);
  }

  prune(time: number): number {
    this.commands++;
    let n = 0;
    for (const start of this.settled) {
      if (!this.pruned.has(start) && this.end(start) <= time) {
        this.pruned.add(start);
        for (const zone of this.setup.zones) this.products.delete(this.productId(zone, start));
        n++;
      }
    }
    return n;
  }

  /** The trades of an interval, all zones in zone order, each product's in the order they happened. */
  tradesOf(start: number): RefMarketTrade[] {
    const out: RefMarketTrade[] = [];
    for (const zone of this.setup.zones) out.push(...(this.products.get(this.productId(zone, start))?.trades ?? []));
    return out;
  }

  // ---- inside ----------------------------------------------------------------------------------

  private addTrade(p: Product, t: Omit<RefMarketTrade, 'id' | 'product' | 'start' | 'prepaid'>): RefMarketTrade {
    const prepaid = this.setup.collateral && t.buyer !== UTILITY ? t.buyerPrice * t.lots : 0;
    const trade: RefMarketTrade = { ...t, id: `${p.id}#${p.trades.length + 1}`, product: p.id, start: p.start, prepaid };
    p.trades.push(trade);
    this.linkUse.set(p.id, (this.linkUse.get(p.id) ?? 0) + t.lots);
    this.tradeCount++;
    this.tradeIds.push(trade.id);
    if (prepaid !== 0) {
      this.money.set(t.buyer, (this.money.get(t.buyer) as number) - prepaid);
      this.clearing += prepaid;
    }
    return trade;
  }

  private bookTrades(p: Product, trades: readonly { price: number; quantity: number; buyOrderId: string; sellOrderId: string; buyer: string; seller: string }[]): RefMarketTrade[] {
    return trades.map((t) => this.addTrade(p, { buyOrderId: t.buyOrderId, sellOrderId: t.sellOrderId, buyer: t.buyer, seller: t.seller, lots: t.quantity, buyerPrice: t.price, sellerPrice: t.price }));
  }

  /** The lots the product's zone's own link has left for its interval (Infinity: no capacity). */
  private linkLeft(p: Product): number {
    const cap = this.setup.capacity?.[p.zoneIndex];
    return cap === undefined ? Infinity : cap - (this.linkUse.get(p.id) ?? 0);
  }

  /**
   * A continuous order larger than what its zone's link has left (docs/network.md): FOK cannot
   * fill whole, so nothing; otherwise it takes the best orders up to what is left (the book's
   * rules, self-trade included), and the rest follows its time in force: IOC cancelled, GTC
   * rests unless it would cross the book (then cancelled: it could not trade, nor rest crossed).
   */
  private capped(p: Product, id: string, owner: string, sell: boolean, market: boolean, price: number, quantity: number, tif: 'GTC' | 'IOC' | 'FOK'): { status: 'resting' | 'cancelled'; trades: RefMarketTrade[]; filled: number; remaining: number } {
    const book = p.book as ReferenceBook;
    const left = this.linkLeft(p);
    let trades: RefMarketTrade[] = [];
    let filled = 0;
    const done = (status: 'resting' | 'cancelled') => {
      this.syncBook(p);
      return { status, trades, filled, remaining: status === 'resting' ? quantity - filled : 0 };
    };
    if (tif === 'FOK') return done('cancelled');
    if (left > 0) {
      const r = book.submit({ id, owner, sell, market, price, quantity: left, tif: 'IOC', postOnly: false });
      if ('error' in r) throw new Error('reference: duplicate id in a book');
      trades = this.bookTrades(p, r.trades);
      filled = r.filled;
      if (r.status === 'cancelled' && r.cancelReason === 'self-trade') return done('cancelled');
    }
    if (tif === 'IOC') return done('cancelled');
    const crosses = sell ? book.bids().some((b) => b.price >= price) : book.asks().some((a) => a.price <= price);
    if (crosses) return done('cancelled');
    book.submit({ id, owner, sell, market: false, price, quantity: quantity - filled, tif: 'GTC', postOnly: false });
    return done('resting');
  }

  /** After a book call: the market's book orders follow the book (open quantity, or gone). */
  private syncBook(p: Product): void {
    for (const o of [...this.orders.values()]) {
      if (o.product !== p.id || o.venue !== 'book') continue;
      const b = p.book?.find(o.id);
      if (b === undefined) this.orders.delete(o.id);
      else {
        o.open = b.open;
        o.price = b.price;
      }
    }
  }

  private closeGate(start: number): void {
    for (const zone of this.setup.zones) {
      const p = this.products.get(this.productId(zone, start));
      if (p === undefined) continue;
      if (p.mode === 'continuous') {
        for (const o of p.book?.orders ?? []) this.orders.delete(o.id);
        p.book = undefined;
      } else if (p.phase !== 'closed') {
        this.clear(p);
      }
      p.phase = 'closed';
    }
  }

  private clear(p: Product): void {
    // Arrival order decides among equal prices, whatever venue an order came from (defect 4).
    const byArrival = [...p.sealed].sort((a, b) => (this.orders.get(a) as RefMarketOrder).arrival - (this.orders.get(b) as RefMarketOrder).arrival);
    const input: RefAuctionOrder[] = byArrival.map((id) => {
      const o = this.orders.get(id) as RefMarketOrder;
      return { id, owner: o.participant, buy: o.side === 'buy', price: o.price as number, lots: o.open };
    });
    if (this.setup.utilityOrders) {
      const bidLots = input.reduce((s, o) => s + (o.buy ? o.lots : 0), 0);
      const askLots = input.reduce((s, o) => s + (o.buy ? 0 : o.lots), 0);
      if (bidLots > 0) input.push({ id: `${UTILITY}/${p.id}/sell`, owner: UTILITY, buy: false, price: this.setup.retail, lots: bidLots });
      if (askLots > 0) input.push({ id: `${UTILITY}/${p.id}/buy`, owner: UTILITY, buy: true, price: this.setup.feedIn, lots: askLots });
    }
    for (const t of refClear(input, this.setup.mechanism, this.setup.k, this.linkLeft(p))) this.addTrade(p, t);
    for (const id of p.sealed) this.orders.delete(id);
    p.sealed = [];
  }

  private startCall(start: number): void {
    for (const zone of this.setup.zones) {
      const p = this.products.get(this.productId(zone, start));
      if (p !== undefined) this.startProductCall(p);
    }
  }

  private startProductCall(p: Product): void {
    if (p.mode !== 'continuous-then-auction' || p.phase !== 'open') return;
    // The book's resting orders join the auction; clear() orders everything by arrival.
    for (const b of p.book?.orders ?? []) {
      const o = this.orders.get(b.id) as RefMarketOrder;
      o.venue = 'sealed';
      p.sealed.push(b.id);
    }
    p.book = undefined;
    p.phase = 'call';
  }
}
