import { freeze } from 'immer';
import { ErrorCode } from '../errors/error-codes.js';
import { WattError, fail } from '../errors/watt-error.js';
import { StateHasher } from '../hashing/state-hasher.js';
import { formatSteps } from '../units/from-steps.js';
import { toSteps, valueSpec } from '../units/to-steps.js';
import type { BookEngine } from './book-engine.js';
import { hashId } from './id-hash.js';
import { resolveBookOptions, type ResolvedBookOptions } from './order-book-options.js';
import type { SelfTradeMode } from './order-types.js';
import { FLAG_POST_ONLY, NONE } from './order-store.js';
import type { SideLevels } from './price-levels.js';

/** The snapshot format version this library writes and reads. */
export const SNAPSHOT_VERSION = 1;

/**
 * A book's whole state as plain, deep-frozen, JSON-ready data: its options, its trade counter
 * and every resting order in priority order. {@link OrderBook.restore} rebuilds an equal book
 * (same {@link OrderBook.stateHash}) from it; decimals are exact strings.
 */
export interface OrderBookSnapshot {
  /** The format version (1). */
  readonly version: 1;
  /** The book's options, as they were resolved (decimals as strings). */
  readonly options: SnapshotOptions;
  /** The sequence of the book's last trade (0 before the first); the next trade gets one more. */
  readonly sequence: number;
  /** The resting bids, best (highest) price first and, within a price, oldest first. */
  readonly bids: readonly SnapshotOrder[];
  /** The resting asks, best (lowest) price first and, within a price, oldest first. */
  readonly asks: readonly SnapshotOrder[];
}

/** The options part of an {@link OrderBookSnapshot}; also valid {@link OrderBookOptions}. */
export interface SnapshotOptions {
  /** The price tick, as exact decimal text. */
  readonly priceTick: string;
  /** The quantity step, as exact decimal text. */
  readonly quantityStep: string;
  /** The self-trade mode. */
  readonly selfTrade: SelfTradeMode;
  /** The price band, when the book has one; an open end is absent. */
  readonly priceBand?: {
    /** The lowest price accepted. */
    readonly min?: string;
    /** The highest price accepted. */
    readonly max?: string;
  };
}

/** One resting order in an {@link OrderBookSnapshot}. */
export interface SnapshotOrder {
  /** The order id. */
  readonly id: string;
  /** The owner. */
  readonly owner: string;
  /** The limit price. */
  readonly price: string;
  /** The open quantity. */
  readonly quantity: string;
  /** The quantity filled so far. */
  readonly filled: string;
  /** The quantity asked for in all (submitted plus increases by amend); the rest of it was cancelled. */
  readonly original: string;
  /** Whether the order is post-only. */
  readonly postOnly: boolean;
}

/** Calls `visit` for every resting order of `side`, in priority order. */
function forEachOrder(engine: BookEngine, side: SideLevels, visit: (h: number, price: number) => void): void {
  const { store, levels } = engine;
  for (let i = side.length - 1; i >= 0; i--) {
    const lv = side.levels[i] as number;
    const price = levels.price[lv] as number;
    for (let h = levels.head[lv] as number; h !== NONE; h = store.next[h] as number) visit(h, price);
  }
}

/** The snapshot of `engine`'s state. */
export function takeSnapshot(engine: BookEngine, options: ResolvedBookOptions): OrderBookSnapshot {
  const { priceTick, quantityStep } = options;
  const { store } = engine;
  const collect = (side: SideLevels): SnapshotOrder[] => {
    const out: SnapshotOrder[] = [];
    forEachOrder(engine, side, (h, price) => {
      out.push({
        id: store.ids[h] as string,
        owner: store.owners[h] as string,
        price: formatSteps(price, priceTick),
        quantity: formatSteps(store.open[h] as number, quantityStep),
        filled: formatSteps(store.filled[h] as number, quantityStep),
        original: formatSteps(store.original[h] as number, quantityStep),
        postOnly: ((store.flags[h] as number) & FLAG_POST_ONLY) !== 0,
      });
    });
    return out;
  };
  const snapshot: OrderBookSnapshot = {
    version: SNAPSHOT_VERSION,
    options: snapshotOptions(options),
    sequence: engine.sequence,
    bids: collect(engine.bids),
    asks: collect(engine.asks),
  };
  return freeze(snapshot, true);
}

function snapshotOptions(o: ResolvedBookOptions): SnapshotOptions {
  const base = { priceTick: o.priceTick.text, quantityStep: o.quantityStep.text, selfTrade: o.selfTrade };
  if (o.bandMin === -Infinity && o.bandMax === Infinity) return base;
  return {
    ...base,
    priceBand: {
      ...(o.bandMin === -Infinity ? {} : { min: formatSteps(o.bandMin, o.priceTick) }),
      ...(o.bandMax === Infinity ? {} : { max: formatSteps(o.bandMax, o.priceTick) }),
    },
  };
}

/**
 * A stable hash of the canonical state: the options, the trade counter and every resting order
 * with all its fields, in priority order. Equal states hash equal on every machine.
 */
export function hashState(engine: BookEngine, options: ResolvedBookOptions): string {
  const h = new StateHasher();
  h.string('wattmarket.OrderBook').number(SNAPSHOT_VERSION);
  h.string(options.priceTick.text).string(options.quantityStep.text).string(options.selfTrade);
  h.string(String(options.bandMin)).string(String(options.bandMax));
  h.number(engine.sequence);
  const { store } = engine;
  for (const side of [engine.bids, engine.asks]) {
    h.string(side === engine.bids ? 'bids' : 'asks');
    forEachOrder(engine, side, (o, price) => {
      h.string(store.ids[o] as string).string(store.owners[o] as string);
      h.number(price).number(store.open[o] as number).number(store.filled[o] as number).number(store.original[o] as number);
      h.boolean(((store.flags[o] as number) & FLAG_POST_ONLY) !== 0);
    });
  }
  return h.digest();
}

/** A snapshot order after validation, in integers. */
export interface LoadedOrder {
  readonly id: string;
  readonly hash: number;
  readonly owner: string;
  readonly sell: boolean;
  readonly postOnly: boolean;
  readonly price: number;
  readonly open: number;
  readonly filled: number;
  readonly original: number;
}

const RESTORE = 'OrderBook.restore';
const SNAP = ErrorCode.INVALID_SNAPSHOT;
const SNAPSHOT_KEYS = ['version', 'options', 'sequence', 'bids', 'asks'];
const ORDER_KEYS = ['id', 'owner', 'price', 'quantity', 'filled', 'original', 'postOnly'];

/**
 * Checks a snapshot completely and returns its options and orders in integers.
 * @throws WattError INVALID_SNAPSHOT for anything malformed or inconsistent.
 */
export function readSnapshot(snapshot: unknown): { sequence: number; orders: LoadedOrder[] } {
  const s = record(snapshot, 'the snapshot');
  for (const key of Object.keys(s)) if (!SNAPSHOT_KEYS.includes(key)) bad(`unknown field '${key}'`);
  if (s['version'] !== SNAPSHOT_VERSION) bad(`version must be ${SNAPSHOT_VERSION}; got ${String(s['version'])}`);
  let options: ResolvedBookOptions;
  try {
    options = resolveBookOptions(record(s['options'], 'options'), RESTORE);
  } catch (e) {
    if (e instanceof WattError && e.code !== ErrorCode.INVALID_SNAPSHOT) bad(`bad options: ${e.message}`);
    throw e;
  }
  const sequence = s['sequence'];
  if (typeof sequence !== 'number' || !Number.isSafeInteger(sequence) || sequence < 0) bad('sequence must be a safe integer >= 0');
  const orders: LoadedOrder[] = [];
  const seen = new Set<string>();
  let bestBid = -Infinity;
  for (const sideName of ['bids', 'asks'] as const) {
    const list = s[sideName];
    if (!Array.isArray(list)) return bad(`${sideName} must be an array`);
    const sell = sideName === 'asks';
    let last = sell ? -Infinity : Infinity;
    let total = 0;
    for (const [i, item] of (list as unknown[]).entries()) {
      const where = `${sideName}[${i}]`;
      const o = record(item, where);
      for (const key of Object.keys(o)) if (!ORDER_KEYS.includes(key)) bad(`${where} has an unknown field '${key}'`);
      const id = o['id'];
      const owner = o['owner'];
      if (typeof id !== 'string' || id === '') return bad(`${where}.id must be a non-empty string`);
      if (typeof owner !== 'string' || owner === '') return bad(`${where}.owner must be a non-empty string`);
      if (seen.has(id)) bad(`${where}.id '${id}' appears twice`);
      seen.add(id);
      if (typeof o['postOnly'] !== 'boolean') bad(`${where}.postOnly must be a boolean`);
      const p = toSteps(o['price'], options.priceTick, valueSpec(RESTORE, `${where}.price`, SNAP, 'any', 'tick'));
      const open = toSteps(o['quantity'], options.quantityStep, valueSpec(RESTORE, `${where}.quantity`, SNAP, 'positive', 'step'));
      const filled = toSteps(o['filled'], options.quantityStep, valueSpec(RESTORE, `${where}.filled`, SNAP, 'non-negative', 'step'));
      const original = toSteps(o['original'], options.quantityStep, valueSpec(RESTORE, `${where}.original`, SNAP, 'positive', 'step'));
      if (p < options.bandMin || p > options.bandMax) bad(`${where}.price is outside the price band`);
      if (sell ? p < last : p > last) bad(`${where} is out of price order (${sideName} go best price first)`);
      if (open + filled > original) bad(`${where}: quantity + filled exceeds original`);
      total += open;
      if (total > Number.MAX_SAFE_INTEGER) bad(`${sideName}: the open quantity exceeds the book's capacity`);
      if (!sell && i === 0) bestBid = p;
      if (sell && i === 0 && p <= bestBid) bad('the book is crossed: the best bid is not below the best ask');
      last = p;
      orders.push({ id, hash: hashId(id), owner, sell, postOnly: o['postOnly'], price: p, open, filled, original });
    }
  }
  return { sequence, orders };
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  return bad(`${what} must be an object`);
}

function bad(text: string): never {
  return fail(ErrorCode.INVALID_SNAPSHOT, RESTORE, text);
}
