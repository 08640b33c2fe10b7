import { describeValue } from '../errors/describe-value.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail, type ValueErrorReason } from '../errors/watt-error.js';
import type { ResolvedAuctionOptions } from './auction-options.js';
import type { AuctionOutcome } from './auction-outcome.js';
import { clearNormalised, normalise } from './clear-auction.js';
import type { NormalisedOrders } from './normalised-orders.js';
import { acceptOrder, checkId, checkOwner, closeColumns, MAX_PRICE_TICKS, openColumns, where, type ParsedOrders } from './order-columns.js';
import { SCRATCH } from './scratch.js';
import type { SelfTrade } from './self-trades.js';

const FN = 'clearAuction';

/**
 * Sealed orders already in integers, as columns by input position: what a caller that holds its
 * orders as price ticks and lots (the market) hands to {@link clearAuctionSteps} instead of
 * decimals for {@link clearAuction} to parse back. The id and owner arrays are kept by the result
 * (its trades name orders by them): the caller must not change them afterwards.
 * @internal
 */
export interface StepOrders {
  readonly count: number;
  readonly ids: string[];
  readonly owners: string[];
  /** Whether each order buys. */
  readonly buy: readonly boolean[];
  /** Limit prices in ticks of the options' price tick. */
  readonly priceTicks: readonly number[];
  /** Quantities in lots of the options' quantity step. */
  readonly lots: readonly number[];
  /** Each order's zone name (read only when the options have zones; undefined for the default zone). */
  readonly zones?: readonly (string | undefined)[] | undefined;
  /**
   * The caller vouches that no two ids are equal, so they are not checked (default false: they
   * are, as `clearAuction` checks them). The market can: its live orders' ids are unique and its
   * utility orders' ids start with '@', which no order of a participant's may.
   */
  readonly idsDistinct?: boolean | undefined;
  /**
   * The caller vouches that every id and owner is a non-empty string, so they are not checked
   * (default false). The market can: it refused any other id or participant id when the order
   * was placed. Reading every id and owner only to check it touched each string (scattered on
   * the heap) once more, a cache miss each, for a check the market had made already.
   */
  readonly namesChecked?: boolean | undefined;
}

/**
 * {@link clearAuction} for orders already in integers, with options resolved once by
 * {@link resolveAuctionOptions} for many clearings: the same checks of what can still be wrong
 * (ids, owners, prices within 2^50 ticks, positive safe-integer lots, their totals, duplicate
 * ids, zones), the same codes, tie rules and result as `clearAuction` of the same orders in
 * decimals. `selfTrade`, when given, overrides the options' (the market always passes `'prevent'`).
 * @internal
 */
export function clearAuctionSteps(orders: StepOrders, o: ResolvedAuctionOptions, selfTrade?: SelfTrade): AuctionOutcome {
  const options = selfTrade === undefined || selfTrade === o.selfTrade ? o : { ...o, selfTrade };
  SCRATCH.enter();
  let normalised: NormalisedOrders;
  try {
    normalised = normalise(parseStepOrders(orders, o));
  } finally {
    SCRATCH.leave();
  }
  return clearNormalised(options, normalised);
}

// What is particular to integer columns (whole ticks, safe positive lots) is checked here; the
// rest is acceptOrder, shared with parseOrders: the same checks, hashes, columns and tally.
function parseStepOrders(orders: StepOrders, o: ResolvedAuctionOptions): ParsedOrders {
  const n = orders.count;
  const { ids, owners, buy, priceTicks, lots } = orders;
  const zoned = o.zones !== undefined;
  const c = openColumns(n, o.zones, orders, orders.idsDistinct === true);
  const namesChecked = orders.namesChecked === true;
  for (let i = 0; i < n; i++) {
    const id = ids[i] as string;
    const owner = owners[i] as string;
    if (!namesChecked) {
      checkId(i, id);
      checkOwner(i, id, owner);
    }
    const p = priceTicks[i] as number;
    const q = lots[i] as number;
    // In the object form's order: the price's own form, then the quantity, then the price's range.
    if (!Number.isSafeInteger(p)) badValue(ErrorCode.INVALID_PRICE, 'price ticks', p, i, id);
    if (!Number.isSafeInteger(q) || q <= 0) badValue(ErrorCode.INVALID_QUANTITY, 'lots', q, i, id);
    if (p > MAX_PRICE_TICKS || p < -MAX_PRICE_TICKS) badValue(ErrorCode.INVALID_PRICE, 'price ticks', p, i, id);
    // Zone names are read only when the auction has zones (see StepOrders.zones).
    acceptOrder(c, i, id, owner, buy[i] === true, p, q, zoned ? orders.zones?.[i] : undefined);
  }
  return closeColumns(c, n);
}

function badValue(code: ErrorCode, what: string, v: number, i: number, id: string): never {
  const reason: ValueErrorReason = !Number.isFinite(v)
    ? 'NOT_FINITE'
    : !Number.isInteger(v)
      ? 'OFF_STEP'
      : what === 'lots' && v <= 0
        ? 'NOT_POSITIVE'
        : 'TOO_LARGE';
  return fail(code, FN, `${where(i, id)}: ${what} ${describeValue(v)} must be a whole number within range`, reason);
}
