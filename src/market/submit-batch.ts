import { describeValue } from '../errors/describe-value.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail, WattError } from '../errors/watt-error.js';
import { MAX_ORDERS_PER_BATCH } from './batch-limits.js';
import { startProductCall } from './gate-processing.js';
import type { MarketCore } from './market-core.js';
import type { MarketFunds } from './market-funds.js';
import { parseStepsOrder, type IntakeView, type ParsedOrder } from './order-intake.js';


/** What the batch needs of the market it runs in (its private parts, handed over once). */
export interface BatchHost {
  readonly core: MarketCore;
  readonly view: IntakeView;
  readonly funds: MarketFunds;
  /** The market's command sequence number now. */
  sequence(): number;
  /** Journals an accepted order (the market's own hook, as for a single submit). */
  accept(parsed: ParsedOrder): void;
  /** Reports a refused order ('orderRejected'). */
  reject(order: unknown, e: unknown): void;
}

/**
 * Submits sealed limit orders in the market's integers as one call: every order is validated
 * first, exactly as {@link Market.submitSteps} validates it and against the orders before it in
 * the batch (ids, collateral), and only then are all placed; a refused order leaves the market as
 * it was. Placing them is what submitting them one by one does: the same order index slots,
 * arrival numbers, reservations, journal entries and events, in the same order.
 * @returns the number of orders placed.
 */
export function submitStepsBatch(host: BatchHost, orders: unknown, fn: string): number {
  const { core } = host;
  if (!Array.isArray(orders)) fail(ErrorCode.INVALID_ARGUMENT, fn, `orders must be an array; got ${describeValue(orders)}`);
  const list = orders as readonly unknown[];
  const n = list.length;
  if (n > MAX_ORDERS_PER_BATCH) fail(ErrorCode.INVALID_ARGUMENT, fn, `a batch takes at most ${MAX_ORDERS_PER_BATCH} orders; got ${n}`);
  const before = host.sequence();
  const parsed: ParsedOrder[] = new Array<ParsedOrder>(n);
  // Ids of this batch (an id may come once: the second would be a duplicate of an open order).
  const ids = new Set<string>();
  // Collateral claimed by earlier orders of the batch, per account index: each order must fit
  // what the orders before it leave, as it would one by one.
  const claimed = core.collateral === undefined ? undefined : new Map<number, number>();
  // The market's intake view, for which the batch's earlier orders are open already: the checks
  // then come in the order, and with the codes, that submitting one by one gives.
  const base = host.view;
  const view: IntakeView = {
    config: base.config,
    get now() {
      return base.now;
    },
    participant: (id) => base.participant(id),
    isLive: (id) => ids.has(id) || base.isLive(id),
  };
  let i = 0;
  try {
    for (; i < n; i++) {
      const o = parseStepsOrder(list[i], view, fn);
      if (o.id.charCodeAt(0) === 64) fail(ErrorCode.INVALID_ID, fn, `order ids starting with '@' are reserved; got '${o.id}'`);
      if (claimed === undefined) host.funds.check(o, 0, fn);
      else claim(host, claimed, o, fn);
      if (o.venue !== 'sealed') fail(ErrorCode.INVALID_ARGUMENT, fn, `a batch takes sealed auction orders only; the product of order '${o.id}' trades continuously now`);
      ids.add(o.id);
      parsed[i] = o;
    }
  } catch (e) {
    host.reject(list[i], e);
    throw at(fn, i, e);
  }
  // A getter of an order may call back into the market; if one changed it (every change is a
  // numbered command), what was validated no longer holds.
  if (host.sequence() !== before) fail(ErrorCode.INVALID_ARGUMENT, fn, 'the market changed while the batch was read (an order called back into it); nothing was placed');
  for (let k = 0; k < n; k++) place(host, parsed[k] as ParsedOrder, fn);
  return n;
}

/** Checks an order's collateral against what the batch's earlier orders of the same account claimed, and adds its own. */
function claim(host: BatchHost, claimed: Map<number, number>, o: ParsedOrder, fn: string): void {
  const { core } = host;
  const collateral = core.collateral;
  const p = o.participant;
  const buy = o.side === 'buy';
  const reserves = collateral !== undefined && !p.utility && (buy ? core.config.collateral : core.config.energyCollateral);
  if (!reserves) {
    host.funds.check(o, 0, fn);
    return;
  }
  const account = buy ? p.moneyIndex : p.energyIndex;
  const before = claimed.get(account) ?? 0;
  // `held` counts towards what is available: what earlier orders claimed counts against it.
  host.funds.check(o, -before, fn);
  const amount = collateral.amountFor(o.side, core.energySteps(o.lots), o.priceTicks);
  const total = before + amount;
  if (!Number.isSafeInteger(total)) fail(ErrorCode.BALANCE_OVERFLOW, fn, `participant '${p.id}': the batch's collateral is more than can be held exactly`);
  claimed.set(account, total);
}

/** Places one validated order: Market.submitSteps's sealed path, its events in the same order. */
function place(host: BatchHost, o: ParsedOrder, fn: string): void {
  const { core } = host;
  const mark = core.queuedEvents();
  startProductCall(core, o.participant.zoneIndex, o.start);
  const product = core.product(o.participant.zoneIndex, o.start);
  const reservation = host.funds.reserve(o, fn);
  product.sealed.push(core.live.add(o.id, o.participant, product, o.side, o.priceTicks, o.lots, 'sealed', reservation, core.nextSeq()));
  host.accept(o);
  // As a single submit queues it: ahead of what its own call queued (a call phase it started).
  if (core.listens('orderAccepted')) {
    core.emitAt(mark, 'orderAccepted', { orderId: o.id, participant: o.participant.id, product: product.id, side: o.side, status: 'sealed' });
  }
}

/** The error of order `i`, its message naming the position. */
function at(fn: string, i: number, e: unknown): unknown {
  if (!(e instanceof WattError)) return e;
  const prefix = `${fn}: `;
  const text = e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message;
  return new WattError(e.code, `${prefix}order ${i} refused: ${text}`, e.reason);
}
