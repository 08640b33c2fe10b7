import type { DecimalInput } from '../units/decimal-input.js';
import type { RoundingMode } from '../units/rounding.js';

/**
 * One trade of the interval as plain data. Both shapes the library produces are accepted:
 * an order-book `Trade` (a single `price`, a `sequence`) and an auction trade (`buyerPrice` and
 * `sellerPrice`). Other fields are ignored, so trades can be passed as they come.
 */
export interface SettlementTrade {
  /**
   * The trade's id, used in the settlement transfer ids. Default: `s<sequence>` for a book trade,
   * else `<buyOrderId>~<sellOrderId>` for an auction trade, with `%` and `~` inside either order id
   * written `%25` and `%7E` (so different pairs never share an id). Ids must be unique in one interval.
   */
  readonly id?: string;
  /** The book's trade sequence number, used for the default id. */
  readonly sequence?: number;
  /** The buy order's id, used for the default id of an auction trade. */
  readonly buyOrderId?: string;
  /** The sell order's id, used for the default id of an auction trade. */
  readonly sellOrderId?: string;
  /** The buying participant. */
  readonly buyer: string;
  /** The selling participant. */
  readonly seller: string;
  /** The energy traded, in kWh (positive, on the energy asset's step). */
  readonly quantity: DecimalInput;
  /** The price per kWh when buyer and seller trade at one price (a book trade). */
  readonly price?: DecimalInput;
  /** The price per kWh the buyer pays (an auction trade); requires `sellerPrice`. */
  readonly buyerPrice?: DecimalInput;
  /** The price per kWh the seller receives (an auction trade); requires `buyerPrice`. */
  readonly sellerPrice?: DecimalInput;
  /**
   * A grid fee per kWh already priced into the trade (an auction with zone fees makes
   * buyerPrice - sellerPrice cover it): that part of the spread goes to the network operator, the
   * rest to the market operator. Zero or more, at most buyerPrice - sellerPrice. Default 0.
   */
  readonly fee?: DecimalInput;
  /**
   * Money the buyer already moved into the money clearing account for this trade (for example
   * with {@link Collateral.fill}); the buyer is charged only the difference. Default 0.
   */
  readonly buyerPrepaid?: DecimalInput;
  /**
   * Energy the seller already moved into the energy clearing account for this trade (with
   * {@link Collateral.fill} on a sell reservation); it is not taken again. Default 0.
   */
  readonly sellerPrepaid?: DecimalInput;
}

/**
 * A participant's meter reading for the interval, in kWh: either `exported` and/or `imported`
 * (each zero or more, default 0), or a signed `net` (positive = exported), not both forms.
 */
export interface MeterReading {
  /** The participant. */
  readonly participant: string;
  /** Energy the participant fed into the grid. */
  readonly exported?: DecimalInput;
  /** Energy the participant took from the grid. */
  readonly imported?: DecimalInput;
  /** Exported minus imported, when the meter reports only the net flow. */
  readonly net?: DecimalInput;
}

/** A grid fee on traded energy: a price per kWh, or a percentage of the trade's value. */
export type GridFee =
  | {
      /** A fixed fee per kWh traded. */
      readonly kind: 'per-kwh';
      /** Currency per kWh, zero or more, on the price tick. */
      readonly price: DecimalInput;
    }
  | {
      /** A percentage of the trade's value at the seller's price (its absolute value). */
      readonly kind: 'percent';
      /** The percentage, e.g. `5` for 5%, zero or more, in steps of 0.0001. */
      readonly percent: DecimalInput;
    };

/** The utility's tariff and the network's fee for one interval. */
export interface Tariff {
  /** What the utility charges per kWh a participant is short (bought from the grid). */
  readonly retailPrice: DecimalInput;
  /** What the utility pays per kWh of surplus (sold to the grid). */
  readonly feedInPrice: DecimalInput;
  /** The grid fee on traded energy. Default: none. */
  readonly gridFee?: GridFee;
  /** Who pays the grid fee: the buyer, the seller, or half each. Default `'buyer'`. */
  readonly gridFeePayer?: 'buyer' | 'seller' | 'split';
}

/** What {@link settleInterval} settles: one delivery interval. */
export interface IntervalSettlementInput {
  /** The interval's id (e.g. `'2024-04-01T10:15'`); settlement ids derive from it. */
  readonly interval: string;
  /** The trades of the interval. */
  readonly trades: readonly SettlementTrade[];
  /** One reading per participant; every buyer and seller needs one. */
  readonly meters: readonly MeterReading[];
  /** The tariff. */
  readonly tariff: Tariff;
}

/**
 * The system accounts settlement posts to. Every one must be open (see
 * {@link openSettlementAccounts}). Defaults use the asset codes, e.g. `'utility:VND'`.
 */
export interface SettlementAccounts {
  /** The utility's money account (receives retail charges, pays feed-in). Default `utility:<money>`. */
  utility?: string;
  /** The utility's energy account (supplies shortfalls, absorbs surpluses). Default `utility:<energy>`. */
  utilityEnergy?: string;
  /** The network operator's money account (receives grid fees). Default `network:<money>`. */
  network?: string;
  /** The grid's energy account (metered exports come from it, imports go to it). Default `grid:<energy>`. */
  grid?: string;
  /** The market operator's account (receives buyers' payments above sellers' receipts). Default `market:<money>`. */
  marketOperator?: string;
  /** Where rounding residue goes. Default `residue:<money>`. */
  residue?: string;
  /** The money clearing account trades pay through. Default `clearing:<money>`. */
  clearing?: string;
  /** The energy clearing account trades deliver through. Default `clearing:<energy>`. */
  clearingEnergy?: string;
  /**
   * The network operator's account for congestion rent (money buyers pay across a full link
   * beyond the sellers' receipts and the fee; a `Market` with link capacities). Default
   * `congestion:<money>`. {@link openSettlementAccounts} does not open it: only a market with
   * capacities does, and settlement needs it only when a trade carries rent.
   */
  congestion?: string;
}

/** How money amounts are rounded to the money asset's step. */
export interface SettlementRounding {
  /** For amounts a participant pays (trade payments, fees, retail charges). Default `'half-even'`. */
  charges?: RoundingMode;
  /** For amounts a participant or the market operator receives. Default `'half-even'`. */
  credits?: RoundingMode;
}

/** Options of {@link settleInterval}, {@link openSettlementAccounts} and {@link Collateral}. */
export interface SettlementOptions {
  /** The money asset. Default: the ledger's only asset other than the energy asset. */
  moneyAsset?: string;
  /** The energy asset, in kWh. Default `'kWh'`. */
  energyAsset?: string;
  /** The tick of every price (trades, tariff, per-kWh fee). Default `'0.0001'`. */
  priceTick?: DecimalInput;
  /** Rounding of money amounts; see {@link SettlementRounding}. */
  rounding?: SettlementRounding;
  /** System account ids; see {@link SettlementAccounts}. */
  accounts?: SettlementAccounts;
  /** A participant's account id for an asset. Default `` `${participant}:${asset}` ``. */
  participantAccount?: (participant: string, asset: string) => string;
  /** The first component of every settlement transfer id. Default `'settle'`. */
  idPrefix?: string;
  /**
   * How the interval's transfers are identified. `'derived'` (the default): by the batch id and
   * their position, `<idPrefix>/<interval>/<n>`, built only when read, so a settlement costs no
   * string per transfer. `'named'`: after the trade or participant and the leg, e.g.
   * `settle/<interval>/t/<trade>/pay` or `settle/<interval>/p/<participant>/imbalance` (self-
   * describing in an audit, at several times the cost). Retry a settlement with the option it
   * was posted with: the other scheme names other transfers, so it is refused (ALREADY_SETTLED).
   */
  legIds?: 'derived' | 'named';
}
