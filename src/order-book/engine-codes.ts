import type { Trade } from './trade.js';

/** Self-trade prevention modes as small integers for the matching loop. */
export const STP_ALLOW = 0;
/** See {@link STP_ALLOW}. */
export const STP_CANCEL_TAKER = 1;
/** See {@link STP_ALLOW}. */
export const STP_CANCEL_MAKER = 2;
/** See {@link STP_ALLOW}. */
export const STP_CANCEL_BOTH = 3;

/** Time in force as small integers. */
export const TIF_GTC = 0;
/** See {@link TIF_GTC}. */
export const TIF_IOC = 1;
/** See {@link TIF_GTC}. */
export const TIF_FOK = 2;

/** The trades of a call that made none: one shared frozen array, no allocation. */
export const EMPTY_TRADES: readonly Trade[] = Object.freeze([]);
