// A deliberately naive order book: one array of resting orders, sorted on every step, plain
// integers (price ticks, quantity steps), FOK decided by trying on a deep copy. It shares no code
// with src/order-book and exists only to be obviously right; the model-based test runs it beside
// the real book and compares results, events and state after every command.
import type { SelfTradeMode } from '../../src/index.js';

export interface RefOrder {
  id: string;
  owner: string;
  sell: boolean;
  price: number;
  open: number;
  filled: number;
  original: number;
  postOnly: boolean;
  time: number;
}

export interface RefTrade {
  sequence: number;
  price: number;
  quantity: number;
  makerOrderId: string;
  takerOrderId: string;
  buyOrderId: string;
  sellOrderId: string;
  buyer: string;
  seller: string;
  takerSide: 'buy' | 'sell';
}

export type RefEvent =
  | { name: 'accepted'; orderId: string; owner: string; side: 'buy' | 'sell'; type: 'limit' | 'market'; timeInForce: string; postOnly: boolean; price: number | undefined; quantity: number }
  | { name: 'trade'; trade: RefTrade }
  | { name: 'filled'; orderId: string; owner: string; side: 'buy' | 'sell'; filled: number }
  | { name: 'cancelled'; orderId: string; owner: string; side: 'buy' | 'sell'; reason: string; quantity: number; filled: number }
  | { name: 'amended'; orderId: string; owner: string; side: 'buy' | 'sell'; price: number; quantity: number; previousPrice: number; previousQuantity: number; keptPriority: boolean };

export interface RefOutcome {
  status: 'resting' | 'filled' | 'cancelled';
  cancelReason: string | undefined;
  trades: RefTrade[];
  filled: number;
  remaining: number;
  cancelled: number;
}

export interface RefSubmit {
  id: string;
  owner: string;
  sell: boolean;
  market: boolean;
  price: number; // ignored for market orders
  quantity: number;
  tif: 'GTC' | 'IOC' | 'FOK';
  postOnly: boolean;
}

const sideOf = (sell: boolean): 'buy' | 'sell' => (sell ? 'sell' : 'buy');

export class ReferenceBook {
  orders: RefOrder[] = [];
  sequence = 0;
  clock = 0;
  events: RefEvent[] = [];

  constructor(readonly selfTrade: SelfTradeMode) {}

  clone(): ReferenceBook {
    const copy = new ReferenceBook(this.selfTrade);
    copy.orders = this.orders.map((o) => ({ ...o }));
    copy.sequence = this.sequence;
    copy.clock = this.clock;
    copy.events = [...this.events];
    return copy;
  }

  /** Bids best first: highest price, then oldest. */
  bids(): RefOrder[] {
    return this.orders.filter((o) => !o.sell).sort((a, b) => b.price - a.price || a.time - b.time);
  }

  /** Asks best first: lowest price, then oldest. */
  asks(): RefOrder[] {
    return this.orders.filter((o) => o.sell).sort((a, b) => a.price - b.price || a.time - b.time);
  }

  find(id: string): RefOrder | undefined {
    return this.orders.find((o) => o.id === id);
  }

  submit(s: RefSubmit): RefOutcome | { error: 'DUPLICATE_ORDER_ID' } {
    if (this.find(s.id) !== undefined) return { error: 'DUPLICATE_ORDER_ID' };
    this.events.push({
      name: 'accepted', orderId: s.id, owner: s.owner, side: sideOf(s.sell), type: s.market ? 'market' : 'limit',
      timeInForce: s.tif, postOnly: s.postOnly, price: s.market ? undefined : s.price, quantity: s.quantity,
    });
    const limit = s.market ? (s.sell ? -Infinity : Infinity) : s.price;
    const refuse = (reason: string): RefOutcome => {
      this.events.push({ name: 'cancelled', orderId: s.id, owner: s.owner, side: sideOf(s.sell), reason, quantity: s.quantity, filled: 0 });
      return { status: 'cancelled', cancelReason: reason, trades: [], filled: 0, remaining: 0, cancelled: s.quantity };
    };
    if (s.postOnly && this.crossable(s.sell, limit).length > 0) return refuse('post-only');
    if (s.tif === 'FOK') {
      const trial = this.clone();
      const { remaining } = trial.match(s.id, s.owner, s.sell, limit, s.quantity);
      if (remaining > 0) return refuse('fok');
    }
    const { remaining, trades, stopped } = this.match(s.id, s.owner, s.sell, limit, s.quantity);
    const filled = s.quantity - remaining;
    if (remaining === 0) {
      this.events.push({ name: 'filled', orderId: s.id, owner: s.owner, side: sideOf(s.sell), filled });
      return { status: 'filled', cancelReason: undefined, trades, filled, remaining: 0, cancelled: 0 };
    }
    if (stopped || s.tif !== 'GTC' || s.market) {
      const reason = stopped ? 'self-trade' : s.tif === 'FOK' ? 'fok' : 'ioc';
      this.events.push({ name: 'cancelled', orderId: s.id, owner: s.owner, side: sideOf(s.sell), reason, quantity: remaining, filled });
      return { status: 'cancelled', cancelReason: reason, trades, filled, remaining: 0, cancelled: remaining };
    }
    this.orders.push({
      id: s.id, owner: s.owner, sell: s.sell, price: s.price, open: remaining, filled, original: s.quantity,
      postOnly: s.postOnly, time: ++this.clock,
    });
    return { status: 'resting', cancelReason: undefined, trades, filled, remaining, cancelled: 0 };
  }

  cancel(id: string): boolean {
    const o = this.find(id);
    if (o === undefined) return false;
    this.events.push({ name: 'cancelled', orderId: o.id, owner: o.owner, side: sideOf(o.sell), reason: 'user', quantity: o.open, filled: o.filled });
    this.orders = this.orders.filter((x) => x !== o);
    return true;
  }

  amend(id: string, price: number | undefined, quantity: number | undefined): RefOutcome | { error: 'UNKNOWN_ORDER' } {
    const o = this.find(id);
    if (o === undefined) return { error: 'UNKNOWN_ORDER' };
    const newPrice = price ?? o.price;
    const newQuantity = quantity ?? o.open;
    const kept = newPrice === o.price && newQuantity <= o.open;
    this.events.push({
      name: 'amended', orderId: o.id, owner: o.owner, side: sideOf(o.sell), price: newPrice, quantity: newQuantity,
      previousPrice: o.price, previousQuantity: o.open, keptPriority: kept,
    });
    const cut = Math.max(0, o.open - newQuantity);
    if (newQuantity > o.open) o.original += newQuantity - o.open;
    o.open = newQuantity;
    if (kept) return { status: 'resting', cancelReason: undefined, trades: [], filled: 0, remaining: newQuantity, cancelled: cut };
    if (newPrice === o.price) {
      o.time = ++this.clock;
      return { status: 'resting', cancelReason: undefined, trades: [], filled: 0, remaining: newQuantity, cancelled: cut };
    }
    // A new price: out of the book, then in again like a new GTC limit order of the same owner.
    this.orders = this.orders.filter((x) => x !== o);
    o.price = newPrice;
    if (o.postOnly && this.crossable(o.sell, newPrice).length > 0) {
      this.events.push({ name: 'cancelled', orderId: o.id, owner: o.owner, side: sideOf(o.sell), reason: 'post-only', quantity: newQuantity, filled: o.filled });
      return { status: 'cancelled', cancelReason: 'post-only', trades: [], filled: 0, remaining: 0, cancelled: cut + newQuantity };
    }
    const { remaining, trades, stopped } = this.match(o.id, o.owner, o.sell, newPrice, newQuantity);
    const filled = newQuantity - remaining;
    o.filled += filled;
    if (remaining === 0) {
      this.events.push({ name: 'filled', orderId: o.id, owner: o.owner, side: sideOf(o.sell), filled: o.filled });
      return { status: 'filled', cancelReason: undefined, trades, filled, remaining: 0, cancelled: cut };
    }
    if (stopped) {
      this.events.push({ name: 'cancelled', orderId: o.id, owner: o.owner, side: sideOf(o.sell), reason: 'self-trade', quantity: remaining, filled: o.filled });
      return { status: 'cancelled', cancelReason: 'self-trade', trades, filled, remaining: 0, cancelled: cut + remaining };
    }
    o.open = remaining;
    o.time = ++this.clock;
    this.orders.push(o);
    return { status: 'resting', cancelReason: undefined, trades, filled, remaining, cancelled: cut };
  }

  /** The resting orders of the other side that a taker with this limit may trade with, best first. */
  private crossable(sell: boolean, limit: number): RefOrder[] {
    return sell ? this.bids().filter((b) => b.price >= limit) : this.asks().filter((a) => a.price <= limit);
  }

  private match(takerId: string, owner: string, sell: boolean, limit: number, quantity: number): { remaining: number; trades: RefTrade[]; stopped: boolean } {
    let remaining = quantity;
    const trades: RefTrade[] = [];
    while (remaining > 0) {
      const maker = this.crossable(sell, limit)[0];
      if (maker === undefined) break;
      if (maker.owner === owner && this.selfTrade !== 'allow') {
        if (this.selfTrade === 'cancel-taker') return { remaining, trades, stopped: true };
        this.events.push({ name: 'cancelled', orderId: maker.id, owner: maker.owner, side: sideOf(maker.sell), reason: 'self-trade', quantity: maker.open, filled: maker.filled });
        this.orders = this.orders.filter((x) => x !== maker);
        if (this.selfTrade === 'cancel-both') return { remaining, trades, stopped: true };
        continue;
      }
      const q = Math.min(maker.open, remaining);
      remaining -= q;
      maker.open -= q;
      maker.filled += q;
      const trade: RefTrade = {
        sequence: ++this.sequence, price: maker.price, quantity: q, makerOrderId: maker.id, takerOrderId: takerId,
        buyOrderId: sell ? maker.id : takerId, sellOrderId: sell ? takerId : maker.id,
        buyer: sell ? maker.owner : owner, seller: sell ? owner : maker.owner, takerSide: sideOf(sell),
      };
      trades.push(trade);
      this.events.push({ name: 'trade', trade });
      if (maker.open === 0) {
        this.events.push({ name: 'filled', orderId: maker.id, owner: maker.owner, side: sideOf(maker.sell), filled: maker.filled });
        this.orders = this.orders.filter((x) => x !== maker);
      }
    }
    return { remaining, trades, stopped: false };
  }
}
