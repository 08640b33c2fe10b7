import type { Decimal } from 'decimal.js';
import type { AuctionMechanism } from '../auction/mechanism.js';
import type { BuiltInMechanismName } from '../auction/mechanisms/built-in-mechanisms.js';
import type { Ledger } from '../ledger/ledger.js';
import type { GridFee } from '../settlement/settlement-types.js';
import type { Clock } from '../time/clock.js';
import type { DecimalInput } from '../units/decimal-input.js';

/**
 * How a product trades:
 * - `'continuous'`: an order book matches orders on arrival; resting orders expire at gate closure.
 * - `'auction'`: sealed orders are collected and cleared together at gate closure.
 * - `'continuous-then-auction'`: continuous trading until the call phase begins
 *   (`callPhaseMinutes` before gate closure); then the resting orders and every new order are
 *   sealed and cleared together at gate closure.
 */
export type ProductMode = 'continuous' | 'auction' | 'continuous-then-auction';

/** The names of the built-in clearing mechanisms (the keys of the registry, `BUILT_IN_MECHANISMS`). */
export type MechanismName = BuiltInMechanismName;

/** The utility's prices, the band local trading lives in, and the network's fees. */
export interface MarketTariff {
  /** What the utility charges per kWh: the highest price an order may carry. */
  retailPrice: DecimalInput;
  /** What the utility pays per kWh: the lowest price an order may carry. */
  feedInPrice: DecimalInput;
  /** A network fee on every locally traded kWh, charged at settlement (default none). */
  gridFee?: GridFee;
  /** Who pays `gridFee` (default `'buyer'`). */
  gridFeePayer?: 'buyer' | 'seller' | 'split';
  /**
   * Fees per kWh between zones, `zoneFees[sellerZone][buyerZone]`, used inside auction clearing:
   * a bid and an ask trade only when bid - fee >= ask, the auctions of one interval clear jointly
   * across zones, and the fees go to the network operator. A missing pair cannot trade.
   */
  zoneFees?: Record<string, Record<string, DecimalInput>>;
  /**
   * Link capacities per delivery interval, `zoneCapacity[sellerZone][buyerZone]`: the most kWh
   * that sellers in one zone may sell to buyers in another (or, on the diagonal, inside their
   * own zone) in one interval, non-negative and on the quantity step; a missing entry is
   * unlimited, 0 closes the link. As clearAuction's `zones.capacity`: auctions clear with what
   * the interval has left of each link (welfare maximised subject to it; congestion rent goes to
   * the `congestion:<currency>` account at settlement), and a continuous book trades no more
   * inside its zone than the zone's own link has left. Without `zoneFees` only a zone's own link
   * may be given. The mechanism must honour capacities (`uniform`, `discriminatory`). See
   * docs/network.md.
   */
  zoneCapacity?: Record<string, Record<string, DecimalInput>>;
}

/** A currency: its code (a ledger asset) and its smallest unit. */
export interface CurrencyOption {
  /** The asset code, e.g. `'VND'` (not `'kWh'`). */
  code: string;
  /** The smallest amount, e.g. `'1'` for VND or `'0.01'` for EUR. */
  step: DecimalInput;
}

/** Money moved into or out of a participant's account: see {@link Market.deposit}. */
export interface FundsTransferInput {
  /** An idempotency key: the same transfer again returns `'exists'`. */
  id: string;
  /** The participant. */
  participant: string;
  /** The amount, positive, on the currency's step. */
  amount: DecimalInput;
}

/** What {@link Market.deposit} and {@link Market.withdraw} return. */
export interface FundsTransferResult {
  /** `'created'`, or `'exists'` for a retry of the same transfer. */
  readonly status: 'created' | 'exists';
}

/** A registered participant as {@link Market.participants} lists it. */
export interface MarketParticipant {
  /** Its id. */
  readonly id: string;
  /** Its zone. */
  readonly zone: string;
}

/** Options of {@link Market}. All optional but the clock and the tariff. */
export interface MarketOptions {
  /** Where time comes from; the market never reads the system clock. */
  clock: Clock;
  /** The utility band and the fees. */
  tariff: MarketTariff;
  /** The zones (feeders), in the order events are emitted for them (default `['main']`). */
  zones?: readonly string[];
  /** Length of a delivery interval in minutes, dividing a day (default 15). */
  intervalMinutes?: number;
  /** How long before its start an interval opens for orders, minutes (default 1440: a day ahead). */
  horizonMinutes?: number;
  /** How long before its start the gate closes, minutes (default 5). */
  gateClosureMinutes?: number;
  /** How every product trades (default `'auction'`), or per zone. */
  mode?: ProductMode | Readonly<Record<string, ProductMode>>;
  /** In `'continuous-then-auction'`, how long before gate closure the call phase begins (default 15). */
  callPhaseMinutes?: number;
  /** The clearing mechanism of auctions (default `'uniform'`), built-in or custom. */
  mechanism?: MechanismName | AuctionMechanism;
  /** k of the uniform and discriminatory mechanisms, in [0, 1] (default 0.5). */
  k?: DecimalInput;
  /** Rationing at the marginal price in auctions (default `'input-order'`). */
  rationing?: 'input-order' | 'pro-rata';
  /** The price tick (default `'0.0001'`). */
  priceTick?: DecimalInput;
  /** The quantity step in kWh (default `'0.001'`, one Wh). */
  quantityStep?: DecimalInput;
  /** The currency: its code and step (default `{ code: 'VND', step: '1' }`). */
  currency?: CurrencyOption;
  /** Whether buy orders reserve their funds (price x quantity) until they trade or end (default true). */
  collateral?: boolean;
  /** Whether sell orders reserve energy already held in the seller's energy account (default false). */
  energyCollateral?: boolean;
  /** Whether the utility posts standing orders at the band's edges, so there is always a counterparty (default false). */
  utilityOrders?: boolean;
  /** Whether participants' money accounts may go negative (credit) at settlement (default false). */
  participantCredit?: boolean;
  /**
   * A ledger to post to; default a new one. It must hold the currency and a `kWh` asset whose steps
   * divide the market's currency step and `quantityStep` (finer steps are fine: amounts are
   * converted exactly), else INVALID_OPTION.
   */
  ledger?: Ledger;
  /** Whether to keep the command journal that {@link Market.replay} rebuilds from (default true). */
  journal?: boolean;
}

/** A participant to register. */
export interface ParticipantInput {
  /** A non-empty id, unique in the market. */
  id: string;
  /** The zone it is connected to (default the market's first zone). */
  zone?: string;
}

/** An order for {@link Market.submit}. */
export interface MarketOrderInput {
  /** A non-empty id, unique among the market's open and unsettled orders. */
  id: string;
  /** The registered participant placing it; it trades in its own zone. */
  participant: string;
  /** The start of the delivery interval, ms since the epoch (a multiple of the interval length). */
  deliveryStart: number;
  /** `'buy'` or `'sell'`. */
  side: 'buy' | 'sell';
  /** Quantity in kWh, on the quantity step. */
  quantity: DecimalInput;
  /** Limit price per kWh, within the tariff band; required except for continuous market orders. */
  price?: DecimalInput;
  /** `'limit'` (default) or `'market'` (continuous trading only). */
  type?: 'limit' | 'market';
  /** Continuous trading only (default GTC for limit orders, IOC for market orders). */
  timeInForce?: 'GTC' | 'IOC' | 'FOK';
  /** Continuous trading only: the order must not trade on arrival. */
  postOnly?: boolean;
}

/**
 * A limit order in the market's integers, for {@link Market.submitSteps}: the same order as a
 * {@link MarketOrderInput} with `price = priceTicks x priceTick` and
 * `quantity = quantitySteps x quantityStep`, without decimal parsing.
 */
export interface MarketStepsOrderInput {
  /** A non-empty id, unique among the market's open and unsettled orders. */
  id: string;
  /** The registered participant placing it; it trades in its own zone. */
  participant: string;
  /** The start of the delivery interval, ms since the epoch (a multiple of the interval length). */
  deliveryStart: number;
  /** `'buy'` or `'sell'`. */
  side: 'buy' | 'sell';
  /** Quantity as a whole positive number of the market's quantity steps (Wh with the default 0.001 kWh). */
  quantitySteps: number;
  /** Limit price as a whole number of the market's price ticks, within the tariff band. */
  priceTicks: number;
}

/** A change to a resting or sealed order: new price and/or new open quantity. */
export interface MarketOrderChange {
  /** The new limit price. */
  price?: DecimalInput;
  /** The new open quantity. */
  quantity?: DecimalInput;
}

/** One meter reading for {@link Market.settle}, in kWh: either exported/imported, or a signed net. */
export interface MarketMeterReading {
  /** The registered participant. */
  participant: string;
  /** Energy fed into the grid in the interval (default 0). */
  exported?: DecimalInput;
  /** Energy taken from the grid in the interval (default 0). */
  imported?: DecimalInput;
  /** Exported minus imported, instead of the two. */
  net?: DecimalInput;
}

/**
 * One meter reading for {@link Market.settleSteps}, in the market's quantity steps (whole
 * numbers): either exportedSteps/importedSteps, or a signed netSteps.
 */
export interface MarketStepsMeterReading {
  /** The registered participant. */
  participant: string;
  /** Energy fed into the grid in the interval, quantity steps (default 0). */
  exportedSteps?: number;
  /** Energy taken from the grid in the interval, quantity steps (default 0). */
  importedSteps?: number;
  /** Exported minus imported, quantity steps, instead of the two. */
  netSteps?: number;
}

/** Where a product is in its cycle at the market's current time. */
export type ProductStatus = 'scheduled' | 'open' | 'call' | 'closed' | 'delivered' | 'settled';

/** A product: one delivery interval in one zone. */
export interface ProductInfo {
  /** Its id, `<zone>@<ISO start>`, e.g. `campus@2025-04-07T01:15:00.000Z`. */
  readonly id: string;
  /** Its zone. */
  readonly zone: string;
  /** Start of delivery, ms. */
  readonly deliveryStart: number;
  /** End of delivery, ms. */
  readonly deliveryEnd: number;
  /** When it opens for orders, ms. */
  readonly opensAt: number;
  /** Gate closure, ms. */
  readonly gateClosure: number;
  /** How it trades. */
  readonly mode: ProductMode;
  /** Where it is now. */
  readonly status: ProductStatus;
}

/** One trade made by the market, in a book or an auction. */
export interface MarketTrade {
  /** Unique in the market: `<product id>#<n>`. */
  readonly id: string;
  /** The product it belongs to (the buyer's for a cross-zone auction trade). */
  readonly product: string;
  /** The delivery interval's start, ms. */
  readonly deliveryStart: number;
  /** The buy order. */
  readonly buyOrderId: string;
  /** The sell order. */
  readonly sellOrderId: string;
  /** The buying participant. */
  readonly buyer: string;
  /** The selling participant. */
  readonly seller: string;
  /** kWh traded. */
  readonly quantity: Decimal;
  /** Price per kWh the buyer pays. */
  readonly buyerPrice: Decimal;
  /** Price per kWh the seller receives. */
  readonly sellerPrice: Decimal;
  /** Zone fee per kWh inside it (buyerPrice - sellerPrice covers it), 0 without zone fees. */
  readonly fee: Decimal;
}

/** What {@link Market.submit} and {@link Market.amend} return. */
export interface MarketSubmitResult {
  /** The order id. */
  readonly orderId: string;
  /** The product id. */
  readonly product: string;
  /**
   * `'sealed'`: held for the auction at gate closure; otherwise the book's status: `'resting'`,
   * `'filled'` or `'cancelled'`.
   */
  readonly status: 'sealed' | 'resting' | 'filled' | 'cancelled';
  /** Trades the call made at once (continuous trading only). */
  readonly trades: readonly MarketTrade[];
  /** Quantity filled by this call, kWh. */
  readonly filled: Decimal;
  /** Quantity still open, kWh. */
  readonly remaining: Decimal;
}

/** A participant's money and energy as the ledger holds them. */
export interface ParticipantBalance {
  /** Posted money balance. */
  readonly money: Decimal;
  /** Money available: the balance less what open orders reserve. */
  readonly available: Decimal;
  /** Energy balance, kWh (zero between intervals: settlement nets it out). */
  readonly energy: Decimal;
}

/** A live order as {@link Market.order} shows it. */
export interface MarketOrderView {
  /** The order id. */
  readonly id: string;
  /** Who placed it. */
  readonly participant: string;
  /** The product. */
  readonly product: string;
  /** Its side. */
  readonly side: 'buy' | 'sell';
  /** Its limit price (undefined for a market order). */
  readonly price: Decimal | undefined;
  /** Its open quantity, kWh. */
  readonly quantity: Decimal;
  /** `'book'` while trading continuously, `'sealed'` while waiting for an auction. */
  readonly venue: 'book' | 'sealed';
}
