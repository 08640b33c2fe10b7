/**
 * Every code a {@link WattError} can carry, in one place. Codes are stable: applications may
 * switch on them, so a code is never renamed or reused for another meaning.
 *
 * Value codes name the field that was wrong (`INVALID_PRICE` for any bad price: not a number,
 * not finite, off the tick, out of range); {@link WattError.reason} says which of those it was.
 *
 * @example
 * ```ts
 * try { book.submit(order); } catch (e) {
 *   if (e instanceof WattError && e.code === ErrorCode.INVALID_PRICE) showPriceHint(e.message);
 * }
 * ```
 */
export const ErrorCode = {
  // Values and arguments
  /** A price that is not a finite decimal, off its tick, out of its band or too large. */
  INVALID_PRICE: 'INVALID_PRICE',
  /** A quantity that is not a finite positive decimal on its step, or too large. */
  INVALID_QUANTITY: 'INVALID_QUANTITY',
  /** An amount of an asset that is not a finite positive decimal on the asset's step, or too large. */
  INVALID_AMOUNT: 'INVALID_AMOUNT',
  /** A step or tick size (price tick, quantity step, asset step) that is not a positive decimal. */
  INVALID_STEP: 'INVALID_STEP',
  /** A fee that is not a finite decimal on its step, or negative. */
  INVALID_FEE: 'INVALID_FEE',
  /** The k parameter of a k-double auction outside [0, 1] or not a decimal. */
  INVALID_K: 'INVALID_K',
  /** An id that is empty or not a string. */
  INVALID_ID: 'INVALID_ID',
  /** An owner that is empty or not a string. */
  INVALID_OWNER: 'INVALID_OWNER',
  /** A side other than 'buy' or 'sell'. */
  INVALID_SIDE: 'INVALID_SIDE',
  /** An order type other than those documented. */
  INVALID_ORDER_TYPE: 'INVALID_ORDER_TYPE',
  /** A time in force other than those documented, or one that cannot go with the order type. */
  INVALID_TIME_IN_FORCE: 'INVALID_TIME_IN_FORCE',
  /** An option with an unknown value, the wrong type, or an unknown name. */
  INVALID_OPTION: 'INVALID_OPTION',
  /** An argument of the wrong shape (not an object, a missing field, a field of the wrong type). */
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
  /** A seed that is not a safe integer or a non-empty string. */
  INVALID_SEED: 'INVALID_SEED',
  /** A time or duration that is not a safe integer of milliseconds, or a time that goes backwards. */
  INVALID_TIME: 'INVALID_TIME',
  /** A count or a range bound that is not a safe integer within its limits. */
  INVALID_RANGE: 'INVALID_RANGE',

  // Order book and auction
  /** An order id already used by a resting order (or by another order of the same auction). */
  DUPLICATE_ORDER_ID: 'DUPLICATE_ORDER_ID',
  /** An order id that names no resting order. */
  UNKNOWN_ORDER: 'UNKNOWN_ORDER',
  /** A mechanism name that is not registered. */
  UNKNOWN_MECHANISM: 'UNKNOWN_MECHANISM',
  /** A zone that the fee matrix does not know. */
  UNKNOWN_ZONE: 'UNKNOWN_ZONE',
  /** A custom mechanism returned a result that breaks an invariant (over-fill, unbalanced volume...). */
  MECHANISM_FAILED: 'MECHANISM_FAILED',
  /** An operation that would hold more than the structure can address (book capacity, price band). */
  CAPACITY_EXCEEDED: 'CAPACITY_EXCEEDED',
  /** A snapshot that is malformed or from an incompatible version. */
  INVALID_SNAPSHOT: 'INVALID_SNAPSHOT',

  // Ledger and settlement
  /** An asset code that the ledger was not created with. */
  UNKNOWN_ASSET: 'UNKNOWN_ASSET',
  /** An account id that is not open. */
  UNKNOWN_ACCOUNT: 'UNKNOWN_ACCOUNT',
  /** An account id that is already open. */
  DUPLICATE_ACCOUNT: 'DUPLICATE_ACCOUNT',
  /** A transfer whose debit and credit account are the same. */
  SAME_ACCOUNT: 'SAME_ACCOUNT',
  /** A transfer between accounts of different assets. */
  ASSET_MISMATCH: 'ASSET_MISMATCH',
  /** A transfer that would take an account below zero available while it may not go negative. */
  INSUFFICIENT_FUNDS: 'INSUFFICIENT_FUNDS',
  /** A transfer id used again with different fields. */
  TRANSFER_CONFLICT: 'TRANSFER_CONFLICT',
  /** A pending transfer id that is unknown. */
  UNKNOWN_TRANSFER: 'UNKNOWN_TRANSFER',
  /** A pending transfer that was already posted or voided, or a transfer that is not pending. */
  TRANSFER_NOT_PENDING: 'TRANSFER_NOT_PENDING',
  /** A balance that would pass the largest value held exactly. */
  BALANCE_OVERFLOW: 'BALANCE_OVERFLOW',
  /** Meter readings or trades that do not fit the interval being settled. */
  INVALID_SETTLEMENT: 'INVALID_SETTLEMENT',
  /** An interval settled a second time with different inputs. */
  ALREADY_SETTLED: 'ALREADY_SETTLED',

  // Market
  /** A participant id that is not registered. */
  UNKNOWN_PARTICIPANT: 'UNKNOWN_PARTICIPANT',
  /** A participant id that is already registered. */
  DUPLICATE_PARTICIPANT: 'DUPLICATE_PARTICIPANT',
  /** A product (interval and zone) that the market does not offer. */
  UNKNOWN_PRODUCT: 'UNKNOWN_PRODUCT',
  /** A product that is not open for orders now (before its horizon or after gate closure). */
  PRODUCT_CLOSED: 'PRODUCT_CLOSED',
  /** A price outside the utility band (below the feed-in tariff or above the retail tariff). */
  PRICE_OUT_OF_BAND: 'PRICE_OUT_OF_BAND',
  /** An interval that cannot be settled yet, or that has been settled already. */
  NOT_SETTLEABLE: 'NOT_SETTLEABLE',

  // Assets, agents and simulation
  /** A scenario or asset definition that is not physically meaningful. */
  INVALID_SCENARIO: 'INVALID_SCENARIO',
  /** An agent kind or strategy name that is not registered. */
  UNKNOWN_AGENT: 'UNKNOWN_AGENT',
  /** A scenario name that is not built in. */
  UNKNOWN_SCENARIO: 'UNKNOWN_SCENARIO',

  // Network limits
  /** A link capacity between zones that is negative, off the quantity step or too large. */
  INVALID_CAPACITY: 'INVALID_CAPACITY',
  // Market journal and snapshots
  /** A journal or snapshot replayed or restored with options other than those it was made with. */
  OPTIONS_MISMATCH: 'OPTIONS_MISMATCH',
  /** A market journal that does not replay as recorded (missing init, gaps, a command refused). */
  INVALID_JOURNAL: 'INVALID_JOURNAL',
  /** An asset plug-in that broke its contract (energy off the Wh step, not conserved, negative, NaN). */
  ASSET_FAILED: 'ASSET_FAILED',
  // Durable state (stores)
  /** A store whose journal or checkpoint is damaged (a bad checksum before the end, a gap in sequence numbers). */
  STORE_CORRUPT: 'STORE_CORRUPT',
  /** A store that holds another kind of state (a ledger, not a market) or was opened with other options. */
  STORE_MISMATCH: 'STORE_MISMATCH',
  /** A store that another writer (another process, or another market in this one) has open. */
  STORE_LOCKED: 'STORE_LOCKED',
  /** A store directory that cannot be created or written. */
  STORE_UNWRITABLE: 'STORE_UNWRITABLE',
  /** A store server that cannot be reached (a connection string that fails, a dropped connection). */
  STORE_UNAVAILABLE: 'STORE_UNAVAILABLE',
  /** A write to the store failed: commands accepted after the last flush may be lost; reopen to recover. */
  STORE_FAILED: 'STORE_FAILED',
  /** A command, flush or checkpoint on a market or ledger that was closed (or whose store failed). */
  STORE_CLOSED: 'STORE_CLOSED',
} as const;

/** The union of all error codes, for exhaustive switches. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
