// The plain data of the reference market (reference-market.ts): its setup, its orders, trades and
// products, and what its commands take and return. Integers throughout: price ticks, lots (quantity
// steps), currency units, ms.
import type { RefK } from './reference-auction.js';
import type { RefSettlementTrade } from './reference-settlement.js';
import type { ReferenceBook } from '../../order-book/reference-book.js';

export type RefMode = 'continuous' | 'auction' | 'continuous-then-auction';

/** The market options the reference understands, in integers. */
export interface RefSetup {
  readonly zones: readonly string[];
  /** Mode per zone, in zone order. */
  readonly modes: readonly RefMode[];
  readonly intervalMs: number;
  readonly horizonMs: number;
  readonly gateMs: number;
  readonly callMs: number;
  readonly retail: number;
  readonly feedIn: number;
  /** Per-kWh grid fee in ticks, or undefined for none. */
  readonly gridFee: number | undefined;
  readonly gridFeePayer: 'buyer' | 'seller' | 'split';
  readonly mechanism: 'uniform' | 'discriminatory';
  readonly k: RefK;
  readonly collateral: boolean;
  readonly utilityOrders: boolean;
  readonly credit: boolean;
  /**
   * Link capacities (tariff.zoneCapacity), per zone index: the lots its own link carries per
   * interval (undefined: unlimited). The model has no zone fees, so a zone's own link is the only one.
   */
  readonly capacity?: readonly (number | undefined)[] | undefined;
  /** The market's time at construction. */
  readonly t0: number;
}

export const UTILITY = '@utility';

export interface Refused {
  readonly refused: string;
}

export interface RefMarketOrder {
  readonly id: string;
  readonly participant: string;
  readonly zone: string;
  readonly start: number;
  readonly product: string;
  readonly side: 'buy' | 'sell';
  /** Limit, ticks; undefined for a market order. */
  price: number | undefined;
  /** Open quantity, lots. */
  open: number;
  venue: 'book' | 'sealed';
  /** Its place in arrival order (renewed by a move to the back). */
  arrival: number;
}

export interface RefMarketTrade extends RefSettlementTrade {
  readonly id: string;
  readonly product: string;
  readonly start: number;
  readonly buyOrderId: string;
  readonly sellOrderId: string;
}

export interface RefSubmitOutcome {
  readonly product: string;
  readonly status: 'sealed' | 'resting' | 'filled' | 'cancelled';
  readonly trades: readonly RefMarketTrade[];
  readonly filled: number;
  readonly remaining: number;
}

export interface Product {
  readonly id: string;
  readonly zone: string;
  readonly zoneIndex: number;
  readonly start: number;
  readonly mode: RefMode;
  phase: 'open' | 'call' | 'closed';
  book: ReferenceBook | undefined;
  /** Sealed order ids in auction input order. */
  sealed: string[];
  trades: RefMarketTrade[];
}

export interface RefOrderInput {
  id: string;
  participant: string;
  start: number;
  side: 'buy' | 'sell';
  quantity: number;
  price: number | undefined;
  type: 'limit' | 'market' | undefined;
  timeInForce: 'GTC' | 'IOC' | 'FOK' | undefined;
  postOnly: boolean | undefined;
}
