import {
  EV_ACCEPTED,
  EV_AMENDED,
  EV_CANCELLED,
  EV_FILLED,
  acceptedEvent,
  amendedEvent,
  cancelledEvent,
  filledEvent,
} from './book-events.js';
import { StoreIdIndex } from './store-id-index.js';
import type { BookUnits, SubmitCancelReason, TimeInForce } from './order-types.js';
import { FLAG_POST_ONLY, FLAG_SELL, NONE, OrderStore } from './order-store.js';
import { LevelPool, SideLevels } from './price-levels.js';
import { BookSubmitResult, type SubmitResult } from './submit-result.js';
import { EMPTY_TRADES, TIF_FOK, TIF_GTC, TIF_IOC } from './engine-codes.js';
import { canFill, match } from './matching.js';

const TIF_NAMES: readonly TimeInForce[] = ['GTC', 'IOC', 'FOK'];

/** Slots of the price -> level cache (a power of two). */
const LEVEL_CACHE_SIZE = 256;

/**
 * The matching engine on integers: prices in ticks, quantities in quantity steps, owners
 * interned, orders in typed arrays. It trusts its caller: {@link OrderBook} validates every
 * input and calls {@link BookEngine.reserve} before any method that mutates, so nothing here
 * can fail half-way. Events are queued (only those with listeners) and delivered by the caller
 * once the call's state change is complete.
 */
export class BookEngine {
  /** The resting orders. */
  readonly store = new OrderStore();
  /** The price levels of both sides. */
  readonly levels = new LevelPool();
  /** The bid levels, best (highest) last. */
  readonly bids = new SideLevels();
  /** The ask levels, best (lowest) last; keyed by minus the price. */
  readonly asks = new SideLevels();
  /** Resting order id -> handle. */
  readonly index: StoreIdIndex;
  /** The sequence of the last trade (0 before the first). */
  sequence = 0;
  /** The number of resting orders. */
  size = 0;
  // The three quantity fields start as -0, which equals 0 in every use here, only so that V8 gives
  // them a double representation from the first book on: they take values computed from the
  // Float64Arrays, and a field that starts as a small integer changes its hidden class the first
  // time one arrives. That new class lives only as long as the book, so when the book died every
  // optimised path was thrown away and the next book began in unoptimised code (see MAP_ANCHORS).
  /** The open quantity resting on the bid side, in steps (kept at most 2^53 - 1 by the caller). */
  bidQuantity = -0;
  /** The open quantity resting on the ask side, in steps. */
  askQuantity = -0;
  /** Which events have listeners (EV_* bits). */
  mask = 0;
  /**
   * A direct-mapped cache price -> live level, slot `price & 255`. Most orders rest at a price
   * that already has a level, usually a few levels below the best: the cache finds it in O(1)
   * where the sorted array needs a scan or a bisection. A slot is cleared when its level is
   * released; a level found here is on the right side, since a price cannot have a bid level and
   * an ask level at once (the book is never crossed at rest).
   */
  private readonly levelCache = new Int32Array(LEVEL_CACHE_SIZE).fill(NONE);
  /** Events waiting for delivery, as name, payload, name, payload, ... */
  readonly queue: unknown[] = [];
  /** Output of match(): the quantity it left unfilled, read right after it returns. */
  unfilled = -0;
  /** Output of match(): whether self-trade prevention stopped the taker. */
  stopped = false;

  constructor(
    /** The book's grids. */
    readonly units: BookUnits,
    /** The self-trade mode (STP_*). */
    readonly stp: number,
  ) {
    this.index = new StoreIdIndex(this.store.ids, 2);
  }

  /**
   * How many more calls are sure to find room without looking: one call adds at most one order,
   * one level, one side entry and one index entry, and removals only make room, so a count of
   * the spare room at the last full check, less one per call since, never overstates it.
   */
  private headroom = 0;

  /** Grows every structure that one call could need to grow, before the call mutates anything. */
  reserve(): void {
    if (this.headroom > 0) this.headroom--;
    else this.reserveAll();
  }

  /** {@link reserve} when the headroom is used up: grow what is full, then count the room again. */
  private reserveAll(): void {
    const capacity = this.store.capacity;
    this.store.reserve();
    if (this.store.capacity !== capacity) this.index.rebind(this.store.ids);
    this.index.reserve();
    this.levels.reserve();
    this.bids.reserve();
    this.asks.reserve();
    // Handles and levels in use between calls: one per resting order, one per side entry.
    const bids = this.bids;
    const asks = this.asks;
    const spare = Math.min(
      this.store.capacity - this.size,
      this.levels.capacity - bids.length - asks.length,
      bids.keys.length - bids.length,
      asks.keys.length - asks.length,
      this.index.spare(),
    );
    this.headroom = spare - 1; // this call takes one
  }

  /** The handle of the resting order `id`, or -1. */
  find(id: string, hash: number): number {
    return this.index.find(id, hash);
  }

  /**
   * Submits a validated order. `limit` is the price in ticks (+/-Infinity for a market order, so
   * that every price crosses it).
   */
  submit(
    id: string,
    hash: number,
    owner: string,
    sell: boolean,
    limit: number,
    quantity: number,
    tif: number,
    postOnly: boolean,
    market: boolean,
  ): SubmitResult {
    const mask = this.mask;
    if ((mask & EV_ACCEPTED) !== 0) {
      const event = acceptedEvent(this.units, id, owner, sell, market, TIF_NAMES[tif] as TimeInForce, postOnly, limit, quantity);
      this.queue.push('accepted', event);
    }
    const opp = sell ? this.bids : this.asks;
    // The opposite side's keys grow towards its best level; a level trades iff key >= threshold.
    const threshold = sell ? limit : -limit;
    const top = opp.length - 1;
    const crosses = top >= 0 && (opp.keys[top] as number) >= threshold;
    if (crosses ? postOnly : tif === TIF_FOK) {
      return this.refuse(id, owner, sell, quantity, postOnly ? 'post-only' : 'fok');
    }
    if (crosses && tif === TIF_FOK && !canFill(this, opp, threshold, quantity, owner)) {
      return this.refuse(id, owner, sell, quantity, 'fok');
    }
    let remaining = quantity;
    let trades = EMPTY_TRADES;
    let stopped = false;
    if (crosses) {
      trades = match(this, opp, threshold, sell, id, owner, quantity);
      remaining = this.unfilled;
      stopped = this.stopped;
    }
    const filled = quantity - remaining;
    if (remaining === 0) {
      if ((mask & EV_FILLED) !== 0) this.queue.push('filled', filledEvent(this.units, id, owner, sell, filled));
      return new BookSubmitResult(id, 'filled', undefined, trades, filled, 0, 0, this.units) as SubmitResult;
    }
    if (stopped || tif !== TIF_GTC) {
      const reason = stopped ? 'self-trade' : tif === TIF_IOC ? 'ioc' : 'fok';
      if ((mask & EV_CANCELLED) !== 0) {
        this.queue.push('cancelled', cancelledEvent(this.units, id, owner, sell, reason, remaining, filled));
      }
      return new BookSubmitResult(id, 'cancelled', reason, trades, filled, 0, remaining, this.units) as SubmitResult;
    }
    this.load(id, hash, owner, sell, postOnly, limit, remaining, filled, quantity);
    return new BookSubmitResult(id, 'resting', undefined, trades, filled, remaining, 0, this.units) as SubmitResult;
  }

  /**
   * Cancels the resting order `id` (whose hash is `hash`): false when none rests. Takes it out of
   * the id index in the same probe that finds it.
   */
  cancelId(id: string, hash: number): boolean {
    const h = this.index.take(id, hash);
    if (h === -1) return false;
    this.cancelled(h);
    this.unlink(h);
    this.store.release(h);
    this.size--;
    return true;
  }

  /** Queues the `cancelled` event (reason `'user'`) of the resting order `h`, if it has listeners. */
  private cancelled(h: number): void {
    const store = this.store;
    if ((this.mask & EV_CANCELLED) !== 0) {
      const sell = ((store.flags[h] as number) & FLAG_SELL) !== 0;
      const event = cancelledEvent(
        this.units,
        store.ids[h] as string,
        store.owners[h] as string,
        sell,
        'user',
        store.open[h] as number,
        store.filled[h] as number,
      );
      this.queue.push('cancelled', event);
    }
  }

  /**
   * Amends the resting order `h` to `price` (ticks) and open `quantity` (steps). The caller has
   * checked the capacity for a raised quantity.
   */
  amend(h: number, price: number, quantity: number): SubmitResult {
    const store = this.store;
    const units = this.units;
    const lv = store.level[h] as number;
    const oldPrice = this.levels.price[lv] as number;
    const oldOpen = store.open[h] as number;
    const flags = store.flags[h] as number;
    const sell = (flags & FLAG_SELL) !== 0;
    const id = store.ids[h] as string;
    const owner = store.owners[h] as string;
    const priceChanged = price !== oldPrice;
    const kept = !priceChanged && quantity <= oldOpen;
    if ((this.mask & EV_AMENDED) !== 0) {
      this.queue.push('amended', amendedEvent(units, id, owner, sell, price, quantity, oldPrice, oldOpen, kept));
    }
    const cut = quantity < oldOpen ? oldOpen - quantity : 0;
    if (kept) {
      store.open[h] = quantity;
      this.levels.quantity[lv] = (this.levels.quantity[lv] as number) - cut;
      if (sell) this.askQuantity -= cut;
      else this.bidQuantity -= cut;
      return new BookSubmitResult(id, 'resting', undefined, EMPTY_TRADES, 0, quantity, cut, units) as SubmitResult;
    }
    this.unlink(h);
    if (quantity > oldOpen) store.original[h] = (store.original[h] as number) + (quantity - oldOpen);
    if (!priceChanged) {
      store.open[h] = quantity;
      this.link(h, sell, price, quantity);
      return new BookSubmitResult(id, 'resting', undefined, EMPTY_TRADES, 0, quantity, cut, units) as SubmitResult;
    }
    const opp = sell ? this.bids : this.asks;
    const threshold = sell ? price : -price;
    const top = opp.length - 1;
    const crosses = top >= 0 && (opp.keys[top] as number) >= threshold;
    let remaining = quantity;
    let trades = EMPTY_TRADES;
    let stopped = false;
    if (crosses) {
      if ((flags & FLAG_POST_ONLY) !== 0) {
        if ((this.mask & EV_CANCELLED) !== 0) {
          this.queue.push('cancelled', cancelledEvent(units, id, owner, sell, 'post-only', quantity, store.filled[h] as number));
        }
        this.forget(h);
        return new BookSubmitResult(id, 'cancelled', 'post-only', EMPTY_TRADES, 0, 0, cut + quantity, units) as SubmitResult;
      }
      trades = match(this, opp, threshold, sell, id, owner, quantity);
      remaining = this.unfilled;
      stopped = this.stopped;
    }
    const filled = quantity - remaining;
    const filledTotal = (store.filled[h] as number) + filled;
    store.filled[h] = filledTotal;
    if (remaining === 0) {
      if ((this.mask & EV_FILLED) !== 0) this.queue.push('filled', filledEvent(units, id, owner, sell, filledTotal));
      this.forget(h);
      return new BookSubmitResult(id, 'filled', undefined, trades, filled, 0, cut, units) as SubmitResult;
    }
    if (stopped) {
      if ((this.mask & EV_CANCELLED) !== 0) {
        this.queue.push('cancelled', cancelledEvent(units, id, owner, sell, 'self-trade', remaining, filledTotal));
      }
      this.forget(h);
      return new BookSubmitResult(id, 'cancelled', 'self-trade', trades, filled, 0, cut + remaining, units) as SubmitResult;
    }
    store.open[h] = remaining;
    this.link(h, sell, price, remaining);
    return new BookSubmitResult(id, 'resting', undefined, trades, filled, remaining, cut, units) as SubmitResult;
  }

  /** Adds a resting order at the back of its level's FIFO (a submit's remainder, or a snapshot's order). */
  load(id: string, hash: number, owner: string, sell: boolean, postOnly: boolean, price: number, open: number, filled: number, original: number): void {
    const store = this.store;
    const h = store.alloc();
    store.ids[h] = id;
    store.idHash[h] = hash;
    store.owners[h] = owner;
    store.flags[h] = (sell ? FLAG_SELL : 0) | (postOnly ? FLAG_POST_ONLY : 0);
    store.open[h] = open;
    store.filled[h] = filled;
    store.original[h] = original;
    this.link(h, sell, price, open);
    this.index.insert(hash, h);
    this.size++;
  }

  /** A whole order refused by the call (post-only that would cross, FOK that cannot fill). */
  private refuse(id: string, owner: string, sell: boolean, quantity: number, reason: SubmitCancelReason): SubmitResult {
    if ((this.mask & EV_CANCELLED) !== 0) {
      this.queue.push('cancelled', cancelledEvent(this.units, id, owner, sell, reason, quantity, 0));
    }
    return new BookSubmitResult(id, 'cancelled', reason, EMPTY_TRADES, 0, 0, quantity, this.units) as SubmitResult;
  }

  /** Removes the head order `h` of level `lv` during matching (the level stays, maybe empty). */
  dropHead(h: number, lv: number, next: number, open: number): void {
    const levels = this.levels;
    levels.head[lv] = next;
    if (next === NONE) levels.tail[lv] = NONE;
    else this.store.prev[next] = NONE;
    levels.count[lv] = (levels.count[lv] as number) - 1;
    levels.quantity[lv] = (levels.quantity[lv] as number) - open;
    this.forget(h);
  }

  /** Drops `h` from the id index and frees its handle (it is in no level). */
  private forget(h: number): void {
    this.index.remove(this.store.idHash[h] as number, h);
    this.store.release(h);
    this.size--;
  }

  /** Appends order `h` with `open` steps at the back of its side's level at `price`. */
  private link(h: number, sell: boolean, price: number, open: number): void {
    const store = this.store;
    const levels = this.levels;
    let lv = this.levelCache[price & (LEVEL_CACHE_SIZE - 1)] as number;
    if (lv === NONE || levels.price[lv] !== price) lv = this.levelAt(sell, price);
    const tail = levels.tail[lv] as number;
    store.level[h] = lv;
    store.next[h] = NONE;
    store.prev[h] = tail;
    if (tail === NONE) levels.head[lv] = h;
    else store.next[tail] = h;
    levels.tail[lv] = h;
    levels.count[lv] = (levels.count[lv] as number) + 1;
    levels.quantity[lv] = (levels.quantity[lv] as number) + open;
    if (sell) this.askQuantity += open;
    else this.bidQuantity += open;
  }

  /**
   * The level of `price` on one side, made when missing, and put in the level cache. Kept out
   * of {@link link} so that the cache hit, by far the common case, is small enough to inline.
   */
  private levelAt(sell: boolean, price: number): number {
    const side = sell ? this.asks : this.bids;
    const key = sell ? -price : price;
    const n = side.length;
    const keys = side.keys;
    let lv: number;
    if (n > 0 && keys[n - 1] === key) {
      lv = side.levels[n - 1] as number;
    } else {
      // Most orders rest within a few levels of the best: step down from the top, and bisect
      // only when that does not find the place quickly.
      let i = n;
      let steps = 0;
      while (i > 0 && (keys[i - 1] as number) >= key && steps < 8) {
        i--;
        steps++;
      }
      if (steps === 8 && i > 0 && (keys[i - 1] as number) >= key) i = side.lowerBound(key);
      if (i < n && keys[i] === key) {
        lv = side.levels[i] as number;
      } else {
        lv = this.levels.alloc(price);
        side.insertAt(i, key, lv);
      }
    }
    this.levelCache[price & (LEVEL_CACHE_SIZE - 1)] = lv;
    return lv;
  }

  /** Takes order `h` out of its level, removing the level when it empties (h stays allocated). */
  private unlink(h: number): void {
    const store = this.store;
    const levels = this.levels;
    const lv = store.level[h] as number;
    const prev = store.prev[h] as number;
    const next = store.next[h] as number;
    const open = store.open[h] as number;
    if (prev === NONE) levels.head[lv] = next;
    else store.next[prev] = next;
    if (next === NONE) levels.tail[lv] = prev;
    else store.prev[next] = prev;
    const count = (levels.count[lv] as number) - 1;
    levels.count[lv] = count;
    levels.quantity[lv] = (levels.quantity[lv] as number) - open;
    const sell = ((store.flags[h] as number) & FLAG_SELL) !== 0;
    if (sell) this.askQuantity -= open;
    else this.bidQuantity -= open;
    if (count === 0) this.removeLevel(lv, sell);
  }

  /** Takes an empty level out of its side and frees it. */
  private removeLevel(lv: number, sell: boolean): void {
    const side = sell ? this.asks : this.bids;
    const price = this.levels.price[lv] as number;
    const n = side.length;
    side.removeAt(side.levels[n - 1] === lv ? n - 1 : side.lowerBound(sell ? -price : price));
    this.releaseLevel(lv, price);
  }

  /** Frees an empty level that is out of its side, and forgets it in the level cache. */
  releaseLevel(lv: number, price: number): void {
    const slot = price & (LEVEL_CACHE_SIZE - 1);
    if (this.levelCache[slot] === lv) this.levelCache[slot] = NONE;
    this.levels.release(lv);
  }
}
