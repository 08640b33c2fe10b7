import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clearAuction, MECHANISM_PROPERTIES, type AuctionOptions, type BuiltInMechanismName } from '../../src/index.js';
import { LONG, runs } from '../helpers/expect-watt-error.js';

// Truthfulness, checked exhaustively: for every market of true values on a small grid (every
// assignment of values to input positions, so every tie and order of ties), for every trader and
// every other report it could make (on and around the grid), reporting the truth does at least
// as well as the lie while everyone else reports truthfully. Utilities are exact integers.

const VALUES = [0, 1, 2, 3];
const REPORTS = [-1, 0, 1, 2, 3, 4];

interface Trader {
  readonly side: 'buy' | 'sell';
  readonly value: number;
  readonly quantity: number;
}

interface Violation {
  readonly market: readonly Trader[];
  readonly trader: number;
  readonly report: number;
  readonly truthful: number;
  readonly lying: number;
}

function utility(mechanism: BuiltInMechanismName, traders: readonly Trader[], reports: readonly number[], who: number, extra: AuctionOptions): number {
  const orders = traders.map((t, i) => ({ id: `o${i}`, owner: `t${i}`, side: t.side, price: reports[i] as number, quantity: t.quantity, zone: extra.zones === undefined ? undefined : 'z' }));
  const result = clearAuction(orders, { mechanism, priceTick: 1, quantityStep: 1, verify: true, ...extra });
  const me = traders[who] as Trader;
  const id = `o${who}`;
  let u = 0;
  for (const t of result.trades) {
    const q = t.quantity.toNumber();
    if (me.side === 'buy' && t.buyOrderId === id) u += (me.value - t.buyerPrice.toNumber()) * q;
    if (me.side === 'sell' && t.sellOrderId === id) u += (t.sellerPrice.toNumber() - me.value) * q;
  }
  return u;
}

/** Every profitable lie in the markets given; stops after `limit`. */
function violations(mechanism: BuiltInMechanismName, markets: Iterable<readonly Trader[]>, extra: AuctionOptions = {}, limit = 1): Violation[] {
  const found: Violation[] = [];
  for (const market of markets) {
    const truth = market.map((t) => t.value);
    for (let who = 0; who < market.length; who++) {
      const truthful = utility(mechanism, market, truth, who, extra);
      for (const report of REPORTS) {
        if (report === truth[who]) continue;
        const lie = truth.map((v, i) => (i === who ? report : v));
        const lying = utility(mechanism, market, lie, who, extra);
        if (lying > truthful) {
          found.push({ market, trader: who, report, truthful, lying });
          if (found.length >= limit) return found;
        }
      }
    }
  }
  return found;
}

/** Every market of `buyers` then `sellers` with values on VALUES, for each quantity vector. */
function* allMarkets(buyers: number, sellers: number, quantities: readonly (readonly number[])[]): Generator<Trader[]> {
  const n = buyers + sellers;
  const values = new Array<number>(n).fill(0);
  for (;;) {
    for (const q of quantities) {
      yield values.map((value, i) => ({ side: i < buyers ? 'buy' : 'sell', value, quantity: q[i] as number }));
    }
    let i = 0;
    while (i < n && values[i] === VALUES[VALUES.length - 1]) values[i++] = VALUES[0] as number;
    if (i === n) return;
    values[i] = (values[i] as number) + 1;
  }
}

/** Every quantity vector of length n with entries 1..max. */
function allQuantities(n: number, max: number): number[][] {
  let out: number[][] = [[]];
  for (let i = 0; i < n; i++) out = out.flatMap((q) => Array.from({ length: max }, (_, j) => [...q, j + 1]));
  return out;
}

const unit = (n: number): number[][] => [new Array<number>(n).fill(1)];

describe('truthfulness of the mechanisms that declare it', () => {
  it('declares what the tests below prove', () => {
    expect(MECHANISM_PROPERTIES.mcafee.truthful).toBe('unit-traders');
    expect(MECHANISM_PROPERTIES['trade-reduction'].truthful).toBe('unit-traders');
    expect(MECHANISM_PROPERTIES.huang.truthful).toBe('multi-unit');
    expect(MECHANISM_PROPERTIES.uniform.truthful).toBe('no');
    expect(MECHANISM_PROPERTIES.discriminatory.truthful).toBe('no');
  });

  for (const mechanism of ['mcafee', 'trade-reduction'] as const) {
    it(`${mechanism}: no one-lot trader gains by misreporting (exhaustive, values 0..3, reports -1..4)`, () => {
      const shapes: [number, number][] = LONG
        ? [[1, 1], [2, 1], [1, 2], [2, 2], [3, 2], [2, 3], [3, 3], [4, 3], [3, 4]]
        : [[1, 1], [2, 1], [1, 2], [2, 2], [3, 2], [2, 3], [3, 3]];
      for (const [b, s] of shapes) expect(violations(mechanism, allMarkets(b, s, unit(b + s)))).toEqual([]);
    });

    it(`${mechanism}: stays truthful for one-lot traders with a constant grid fee`, () => {
      const zones = { fees: { z: { z: 1 } } };
      expect(violations(mechanism, allMarkets(2, 2, unit(4)), { zones })).toEqual([]);
    });

    it(`${mechanism}: a multi-lot trader can gain by shading its marginal lots (as documented)`, () => {
      // Buyer 0 wants 2 lots at 10: K = 2, one lot trades at b_K = 10, its own price. Reporting 5
      // keeps the allocation and lowers the price it pays to 5.
      const market: Trader[] = [
        { side: 'buy', value: 10, quantity: 2 },
        { side: 'sell', value: 1, quantity: 1 },
        { side: 'sell', value: 2, quantity: 1 },
      ];
      const truth = market.map((t) => t.value);
      expect(utility(mechanism, market, truth, 0, {})).toBe(0);
      expect(utility(mechanism, market, [5, 1, 2], 0, {})).toBe(5);
    });
  }

  it('huang: no trader of any quantity gains by misreporting its price (exhaustive over 2 x 2 markets, quantities 1..3)', () => {
    expect(violations('huang', allMarkets(2, 2, allQuantities(4, 3)))).toEqual([]);
    if (LONG) expect(violations('huang', allMarkets(3, 2, allQuantities(5, 2)))).toEqual([]);
  });

  it('huang: no trader gains by misreporting in larger markets (exhaustive reports, sampled quantities)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<[number, number]>([3, 2], [2, 3], [3, 3]),
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 6, maxLength: 6 }),
        ([b, s], q) => {
          expect(violations('huang', allMarkets(b, s, [q.slice(0, b + s)]))).toEqual([]);
        },
      ),
      { numRuns: runs(4, 40) },
    );
  });

  it('huang: stays truthful with a constant grid fee', () => {
    const zones = { fees: { z: { z: 1 } } };
    expect(violations('huang', allMarkets(2, 2, [[1, 2, 2, 1], [3, 1, 1, 2]]), { zones })).toEqual([]);
  });

  it('the checker finds the profitable lies of the mechanisms that are not truthful', () => {
    // Without this, a checker that never finds anything would pass the tests above.
    for (const mechanism of ['uniform', 'discriminatory'] as const) {
      expect(violations(mechanism, allMarkets(2, 2, unit(4)))).toHaveLength(1);
    }
    expect(violations('trade-reduction', allMarkets(2, 2, allQuantities(4, 2)))).toHaveLength(1);
    expect(violations('mcafee', allMarkets(2, 2, allQuantities(4, 2)))).toHaveLength(1);
  });
});
