import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clearAuction, type AuctionResult } from '../../src/index.js';
import { runs } from '../helpers/expect-watt-error.js';
import { marketArb, MECHANISMS, toOrders, type IntOrder } from './helpers/market.js';
import { referenceHuang, referenceMcAfee, referenceTradeReduction, referenceUniform } from './helpers/reference.js';

// clearAuction is a pure function, but it reuses work arrays between calls and builds trades and
// Decimals lazily: state that lives across calls. This model-based test runs random command
// sequences (clear a market; read back an earlier result, in any order) against a model that
// holds, for every result, the fills the naive reference predicts. Every read must still see
// exactly what was predicted, however many auctions ran in between.

type Mechanism = (typeof MECHANISMS)[number];

interface Expected {
  readonly fills: number[];
  readonly buyerPrice: number | undefined;
  readonly sellerPrice: number | undefined;
}
interface Model {
  readonly expected: Expected[];
}
interface Real {
  readonly results: AuctionResult[];
  readonly markets: IntOrder[][];
}

function reference(market: readonly IntOrder[], mechanism: Mechanism): Expected {
  switch (mechanism) {
    case 'uniform':
      return referenceUniform(market, 1n, 2n);
    case 'discriminatory':
      // Prices differ per pair; only the fills are predicted.
      return { ...referenceUniform(market, 1n, 2n), buyerPrice: undefined, sellerPrice: undefined };
    case 'mcafee':
      return referenceMcAfee(market);
    case 'trade-reduction':
      return referenceTradeReduction(market);
    case 'huang':
      return referenceHuang(market);
  }
}

class Clear implements fc.Command<Model, Real> {
  constructor(
    readonly market: IntOrder[],
    readonly mechanism: Mechanism,
  ) {}
  check(): boolean {
    return true;
  }
  run(model: Model, real: Real): void {
    const expected = reference(this.market, this.mechanism);
    // Cleared but not read: its trades and fills are built only when a later command reads them.
    real.results.push(clearAuction(toOrders(this.market), { mechanism: this.mechanism, priceTick: 1, quantityStep: 1 }));
    real.markets.push(this.market);
    model.expected.push(expected);
  }
  toString(): string {
    return `clear(${this.mechanism}, ${JSON.stringify(this.market)})`;
  }
}

class Read implements fc.Command<Model, Real> {
  constructor(readonly pick: number) {}
  check(model: Readonly<Model>): boolean {
    return model.expected.length > 0;
  }
  run(model: Model, real: Real): void {
    const i = this.pick % model.expected.length;
    const result = real.results[i] as AuctionResult;
    const market = real.markets[i] as IntOrder[];
    const expected = model.expected[i] as Expected;
    expect(result.fills.map((f) => f.filled.toNumber())).toEqual(expected.fills);
    expect(result.fills.map((f) => f.remaining.toNumber())).toEqual(market.map((o, j) => o.quantity - (expected.fills[j] as number)));
    // Trades agree with fills, order by order, and with the predicted prices.
    const fromTrades = market.map(() => 0);
    for (const t of result.trades) {
      const b = Number(t.buyOrderId.slice(1));
      const s = Number(t.sellOrderId.slice(1));
      fromTrades[b] = (fromTrades[b] as number) + t.quantity.toNumber();
      fromTrades[s] = (fromTrades[s] as number) + t.quantity.toNumber();
      if (expected.buyerPrice !== undefined) expect(t.buyerPrice.toNumber()).toBe(expected.buyerPrice);
      if (expected.sellerPrice !== undefined) expect(t.sellerPrice.toNumber()).toBe(expected.sellerPrice);
    }
    expect(fromTrades).toEqual(expected.fills);
    const demand = market.filter((o) => o.side === 'buy').reduce((sum, o) => sum + o.quantity, 0);
    expect(result.demand.at(-1)?.quantity.toNumber() ?? 0).toBe(demand);
  }
  toString(): string {
    return `read(${this.pick})`;
  }
}

describe('clearAuction across calls (model-based)', () => {
  it('keeps every result exactly as predicted while later auctions run', () => {
    const commands = [
      fc.tuple(marketArb({ maxPerSide: 8 }), fc.constantFrom(...MECHANISMS)).map(([m, mech]) => new Clear(m, mech)),
      fc.nat().map((n) => new Read(n)),
    ];
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 30 }), (cmds) => {
        fc.modelRun(() => ({ model: { expected: [] }, real: { results: [], markets: [] } }), cmds);
      }),
      { numRuns: runs(60) },
    );
  });
});
