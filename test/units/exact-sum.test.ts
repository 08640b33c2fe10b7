import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExactSum } from '../../src/units/exact-sum.js';
import { gcd } from '../../src/units/gcd.js';
import { runs } from '../helpers/expect-watt-error.js';

describe('ExactSum', () => {
  it('sums safe integers, products of safe integers and bigints exactly, across the switch to bigint', () => {
    const term = fc.oneof(
      fc.maxSafeInteger().map((v) => ({ kind: 'add' as const, v })),
      fc.tuple(fc.maxSafeInteger(), fc.integer({ min: -(2 ** 40), max: 2 ** 40 })).map(([a, b]) => ({ kind: 'product' as const, a, b })),
      fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map((v) => ({ kind: 'big' as const, v })),
    );
    fc.assert(
      fc.property(fc.array(term), (terms) => {
        const sum = new ExactSum();
        let exact = 0n;
        for (const t of terms) {
          if (t.kind === 'add') {
            sum.add(t.v);
            exact += BigInt(t.v);
          } else if (t.kind === 'product') {
            sum.addProduct(t.a, t.b);
            exact += BigInt(t.a) * BigInt(t.b);
          } else {
            sum.addBig(t.v);
            exact += t.v;
          }
        }
        expect(sum.value()).toBe(exact);
      }),
      { numRuns: runs(500) },
    );
  });
});

describe('gcd', () => {
  it('divides both, is never negative, and every common divisor divides it', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.bigInt({ min: 1n, max: 1000n }), (a, b, c) => {
        const g = gcd(a * c, b * c);
        expect(g >= 0n).toBe(true);
        if (g === 0n) {
          expect(a * c === 0n && b * c === 0n).toBe(true);
          return;
        }
        expect((a * c) % g).toBe(0n);
        expect((b * c) % g).toBe(0n);
        expect(g % c).toBe(0n);
        expect(gcd(a * c / g, b * c / g)).toBe(1n);
      }),
      { numRuns: runs(300) },
    );
    expect(gcd(12n, -18n)).toBe(6n);
  });
});
