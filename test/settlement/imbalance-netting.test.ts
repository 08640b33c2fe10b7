import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorCode, netImbalances } from '../../src/index.js';
import { expectWattError, runs } from '../helpers/expect-watt-error.js';

describe('netImbalances', () => {
  it('nets a surplus against a shortfall at the mid price, the rest at the utility prices', () => {
    const r = netImbalances({
      deviations: [
        { participant: 'roof', deviation: '2' },
        { participant: 'lab', deviation: '-3' },
        { participant: 'dorm', deviation: '0' },
      ],
      retailPrice: '0.30',
      feedInPrice: '0.10',
    });
    expect(r.participants.map((p) => [p.participant, p.netted.toString(), p.toUtility.toString(), p.amount.toString(), p.amountWithoutNetting.toString(), p.saving.toString()])).toEqual([
      ['roof', '2', '0', '0.4', '0.2', '0.2'],
      ['lab', '-2', '-1', '-0.7', '-0.9', '0.2'],
      ['dorm', '0', '0', '0', '0', '0'],
    ]);
    expect(r.communities.map((c) => [c.zone, c.surplus.toString(), c.shortfall.toString(), c.netted.toString(), c.price.toString()])).toEqual([[undefined, '2', '3', '2', '0.2']]);
    expect([r.utility.supplied.toString(), r.utility.absorbed.toString(), r.utility.amount.toString()]).toEqual(['1', '0', '0.3']);
    expect(r.residue.toString()).toBe('0');
    expect(r.saving.toString()).toBe('0.4');
  });

  it('shares the netted energy of the long side pro rata in whole lots, leftovers to the largest remainders, ties by name', () => {
    // 1 Wh of shortfall against three equal 1 Wh surpluses: the tie goes to the first name.
    const r = netImbalances({
      deviations: [
        { participant: 'c', deviation: '0.001' },
        { participant: 'a', deviation: '0.001' },
        { participant: 'b', deviation: '0.001' },
        { participant: 'x', deviation: '-0.001' },
      ],
      retailPrice: '0.3',
      feedInPrice: '0.1',
    });
    expect(r.participants.map((p) => [p.participant, p.netted.toString()])).toEqual([
      ['c', '0'],
      ['a', '0.001'],
      ['b', '0'],
      ['x', '-0.001'],
    ]);
  });

  it('nets each zone on its own', () => {
    const r = netImbalances({
      deviations: [
        { participant: 'n1', deviation: '5', zone: 'north' },
        { participant: 's1', deviation: '-5', zone: 'south' },
      ],
      retailPrice: '0.3',
      feedInPrice: '0.1',
    });
    expect(r.participants.map((p) => p.netted.toString())).toEqual(['0', '0']);
    expect(r.saving.toString()).toBe('0');
  });

  const deviationsArb = fc
    .array(
      fc.record({
        participant: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'),
        deviation: fc.integer({ min: -5000, max: 5000 }).map((wh) => (wh / 1000).toFixed(3)),
        zone: fc.constantFrom(undefined, 'north', 'south'),
      }),
      { maxLength: 8 },
    )
    .map((list) => {
      const seen = new Set<string>();
      return list.filter((d) => !seen.has(d.participant) && (seen.add(d.participant), true)).map((d) => (d.zone === undefined ? { participant: d.participant, deviation: d.deviation } : d));
    });
  const pricesArb = fc.tuple(fc.integer({ min: -500, max: 5000 }), fc.integer({ min: 0, max: 5000 })).map(([f, spread]) => ({ feedIn: f, retail: f + spread }));
  const roundingArb = fc.constantFrom('half-even' as const, 'half-up' as const, 'floor' as const, 'ceil' as const, 'down' as const, 'up' as const);

  it('conserves energy and money, leaves no participant worse off, and does not depend on the input order (property)', () => {
    fc.assert(
      fc.property(deviationsArb, pricesArb, roundingArb, fc.infiniteStream(fc.nat()), (deviations, prices, rounding, stream) => {
        const input = { deviations, retailPrice: (prices.retail / 10000).toString(), feedInPrice: (prices.feedIn / 10000).toString() };
        const r = netImbalances(input, { rounding });
        const wh = (x: { toNumber(): number }): number => Math.round(x.toNumber() * 1000);
        const cents = (x: { toNumber(): number }): number => Math.round(x.toNumber() * 100);
        // Energy: netted + to the utility = deviation; per community the netted parts sum to zero.
        let supplied = 0;
        let absorbed = 0;
        const nettedByZone = new Map<string | undefined, number>();
        for (const p of r.participants) {
          expect(wh(p.netted) + wh(p.toUtility)).toBe(wh(p.deviation));
          expect(Math.sign(wh(p.netted)) * Math.sign(wh(p.deviation))).toBeGreaterThanOrEqual(0);
          expect(Math.abs(wh(p.netted))).toBeLessThanOrEqual(Math.abs(wh(p.deviation)));
          nettedByZone.set(p.zone, (nettedByZone.get(p.zone) ?? 0) + wh(p.netted));
          if (wh(p.toUtility) < 0) supplied -= wh(p.toUtility);
          else absorbed += wh(p.toUtility);
          // No participant worse off.
          expect(cents(p.saving)).toBeGreaterThanOrEqual(0);
          expect(cents(p.amount) - cents(p.amountWithoutNetting)).toBe(cents(p.saving));
        }
        for (const v of nettedByZone.values()) expect(v).toBe(0);
        expect([wh(r.utility.supplied), wh(r.utility.absorbed)]).toEqual([supplied, absorbed]);
        // Each community nets all it can: min(surplus, shortfall).
        for (const c of r.communities) expect(wh(c.netted)).toBe(Math.min(wh(c.surplus), wh(c.shortfall)));
        // Money: what participants pay (net) = the utility's amount + the residue.
        const paid = 0 - r.participants.reduce((s, p) => s + cents(p.amount), 0);
        expect(paid).toBe(cents(r.utility.amount) + cents(r.residue));
        // The exact utility amount, before its one rounding.
        const exactUtility = (prices.retail * supplied - prices.feedIn * absorbed) / 1e5;
        expect(Math.abs(cents(r.utility.amount) - exactUtility)).toBeLessThan(1);
        // Input order does not matter.
        const keys = [...stream.take(deviations.length)];
        const shuffled = deviations.map((d, i) => [keys[i] as number, d] as const).sort((a, b) => a[0] - b[0]).map(([, d]) => d);
        const s = netImbalances({ ...input, deviations: shuffled }, { rounding });
        const byName = (x: typeof r): string[] => x.participants.map((p) => `${p.participant}:${p.netted.toString()}:${p.amount.toString()}`).sort();
        expect(byName(s)).toEqual(byName(r));
        expect(s.residue.toString()).toBe(r.residue.toString());
      }),
      { numRuns: runs(300) },
    );
  });

  it('refuses bad input', () => {
    const ok = { deviations: [{ participant: 'a', deviation: '1' }], retailPrice: '0.3', feedInPrice: '0.1' };
    expect(() => netImbalances(ok)).not.toThrow();
    expectWattError(() => netImbalances({ ...ok, retailPrice: '0.05' }), ErrorCode.INVALID_ARGUMENT, { fnName: 'netImbalances' });
    expectWattError(() => netImbalances({ ...ok, deviations: [{ participant: 'a', deviation: '0.0001' }] }), ErrorCode.INVALID_QUANTITY, { fnName: 'netImbalances' });
    expectWattError(() => netImbalances({ ...ok, deviations: [{ participant: 'a', deviation: 1 }, { participant: 'a', deviation: 2 }] }), ErrorCode.INVALID_ID, { fnName: 'netImbalances' });
    expectWattError(() => netImbalances({ ...ok, deviations: [{ participant: '', deviation: 1 }] }), ErrorCode.INVALID_ID, { fnName: 'netImbalances' });
    expectWattError(() => netImbalances({ ...ok, feedInPrice: '0.00001' }), ErrorCode.INVALID_PRICE, { fnName: 'netImbalances' });
    expectWattError(() => netImbalances(ok, { rounding: 'nearest' as never }), ErrorCode.INVALID_OPTION, { fnName: 'netImbalances' });
    expectWattError(() => netImbalances(ok, { colour: 1 } as never), ErrorCode.INVALID_OPTION, { fnName: 'netImbalances' });
  });
});
