import { ErrorCode } from '../errors/error-codes.js';
import { describeValue } from '../errors/describe-value.js';
import { fail, WattError } from '../errors/watt-error.js';
import type { Step } from '../units/step.js';
import { numberToSteps, toSteps, valueSpec } from '../units/to-steps.js';
import { acceptOrder, checkId, checkOwner, closeColumns, MAX_PRICE_TICKS, openColumns, where, type ParsedOrders } from './order-columns.js';
import type { ResolvedZones } from './zonal/resolve-zones.js';

const FN = 'clearAuction';
const PRICE = valueSpec(FN, 'price', ErrorCode.INVALID_PRICE, 'any', 'tick');
const QUANTITY = valueSpec(FN, 'quantity', ErrorCode.INVALID_QUANTITY, 'positive', 'quantity step');

// toSteps names the field, not the order; the message is rebuilt with the order's position.
function inOrder(e: unknown, i: number, id: unknown): unknown {
  if (!(e instanceof WattError)) return e;
  return new WattError(e.code, e.message.replace(`${FN}: `, `${FN}: ${where(i, id)}: `), e.reason);
}

/**
 * Validates every order and converts it to integers. Reads each order once; allocates no
 * per-order object. What is particular to order objects (the object itself, its side, its
 * decimals) is checked here; the rest is {@link acceptOrder}, shared with the integer entry point.
 * @throws WattError for the first bad order (by position), or DUPLICATE_ORDER_ID.
 */
export function parseOrders(orders: unknown, tick: Step, step: Step, zones: ResolvedZones | undefined): ParsedOrders {
  if (!Array.isArray(orders)) return fail(ErrorCode.INVALID_ARGUMENT, FN, `orders must be an array; got ${describeValue(orders)}`);
  const list = orders as readonly unknown[];
  const n = list.length;
  const c = openColumns(n, zones);
  for (let i = 0; i < n; i++) {
    const o = list[i] as Record<string, unknown> | null | undefined;
    if (typeof o !== 'object' || o === null) fail(ErrorCode.INVALID_ARGUMENT, FN, `order ${i} must be an object; got ${describeValue(o)}`);
    const id = o['id'];
    checkId(i, id);
    const owner = o['owner'];
    checkOwner(i, id, owner);
    const side = o['side'];
    const bid = side === 'buy';
    if (!bid && side !== 'sell') fail(ErrorCode.INVALID_SIDE, FN, `${where(i, id)}: side must be 'buy' or 'sell'; got ${describeValue(side)}`);
    // Plain numbers on the grid take the small fast path; anything else (decimal text, Decimals,
    // numbers off the grid or of a wrong sign) goes through toSteps, which decides and explains.
    const pv = o['price'];
    const qv = o['quantity'];
    let p = typeof pv === 'number' ? numberToSteps(pv, tick, 'any') : NaN;
    let q = typeof qv === 'number' ? numberToSteps(qv, step, 'positive') : NaN;
    if (p !== p || q !== q) {
      try {
        if (p !== p) p = toSteps(pv, tick, PRICE);
        if (q !== q) q = toSteps(qv, step, QUANTITY);
      } catch (e) {
        throw inOrder(e, i, id);
      }
    }
    if (p > MAX_PRICE_TICKS || p < -MAX_PRICE_TICKS) {
      fail(ErrorCode.INVALID_PRICE, FN, `${where(i, id)}: price ${describeValue(pv)} is too large for clearing (at most 2^50 ticks)`, 'TOO_LARGE');
    }
    acceptOrder(c, i, id, owner, bid, p, q, o['zone']);
  }
  return closeColumns(c, n);
}
