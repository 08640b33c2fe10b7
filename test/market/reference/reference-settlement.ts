// Naive settlement of one interval for the reference market, from docs/ledger.md ("Settling an
// interval"): what each participant's money account gains or loses, as one signed integer per
// participant. Trades are paid by the buyer (less what collateral prepaid into the clearing account)
// and received by the seller; the per-kWh grid fee is charged to the payer (split: two halves, each
// rounded half-even); each participant's deviation from its contracted position settles with the
// utility, a surplus at the feed-in price and a shortfall at the retail price. The utility's own
// orders are metered as delivered (no deviation). Imports nothing from src/.

export interface RefSettlementTrade {
  readonly buyer: string;
  readonly seller: string;
  /** Quantity, lots (kWh with the test's quantity step of 1). */
  readonly lots: number;
  /** Ticks per lot (currency units with the test's tick and step of 1). */
  readonly buyerPrice: number;
  readonly sellerPrice: number;
  /** What the buyer already paid into the clearing account (collateral). */
  readonly prepaid: number;
}

/** A meter reading in lots: net = exported - imported. */
export interface RefReading {
  readonly participant: string;
  readonly net: number;
}

export interface RefTariff {
  readonly retail: number;
  readonly feedIn: number;
  readonly gridFee: number | undefined;
  readonly gridFeePayer: 'buyer' | 'seller' | 'split';
}

/** n / 2 rounded half-even. */
function halfOfEven(n: number): number {
  const q = Math.floor(n / 2);
  const r = n - 2 * q;
  if (r === 0) return q;
  // r is 1: exactly half way between q and q + 1; take the even one.
  return q % 2 === 0 ? q : q + 1;
}

/**
 * Each participant's change of money, or the refusal code (`INVALID_SETTLEMENT`: a trader without
 * a reading, or two readings of one participant).
 */
export function refSettle(trades: readonly RefSettlementTrade[], readings: readonly RefReading[], tariff: RefTariff): Map<string, number> | string {
  const read = new Map<string, number>();
  for (const r of readings) {
    if (read.has(r.participant)) return 'INVALID_SETTLEMENT';
    read.set(r.participant, r.net);
  }
  const delta = new Map<string, number>();
  const contracted = new Map<string, number>();
  const add = (m: Map<string, number>, who: string, v: number): void => {
    m.set(who, (m.get(who) ?? 0) + v);
  };
  for (const t of trades) {
    for (const who of [t.buyer, t.seller]) if (who !== '@utility' && !read.has(who)) return 'INVALID_SETTLEMENT';
    add(delta, t.buyer, t.prepaid - t.buyerPrice * t.lots);
    add(delta, t.seller, t.sellerPrice * t.lots);
    add(contracted, t.seller, t.lots);
    add(contracted, t.buyer, -t.lots);
    if (tariff.gridFee !== undefined && tariff.gridFee > 0) {
      const fee = tariff.gridFee * t.lots;
      if (tariff.gridFeePayer === 'buyer') add(delta, t.buyer, -fee);
      else if (tariff.gridFeePayer === 'seller') add(delta, t.seller, -fee);
      else {
        add(delta, t.buyer, -halfOfEven(fee));
        add(delta, t.seller, -halfOfEven(fee));
      }
    }
  }
  for (const [who, net] of read) {
    const imbalance = net - (contracted.get(who) ?? 0);
    add(delta, who, imbalance > 0 ? imbalance * tariff.feedIn : imbalance * tariff.retail);
  }
  return delta;
}
