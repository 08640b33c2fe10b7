import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StateHasher } from '../../src/hashing/state-hasher.js';
import { runs } from '../helpers/expect-watt-error.js';

type Value = { kind: 'n'; v: number } | { kind: 's'; v: string } | { kind: 'b'; v: boolean } | { kind: 'g'; v: bigint } | { kind: 'x' };
const valueArb: fc.Arbitrary<Value> = fc.oneof(
  fc.maxSafeInteger().map((v) => ({ kind: 'n' as const, v })),
  fc.string().map((v) => ({ kind: 's' as const, v })),
  fc.boolean().map((v) => ({ kind: 'b' as const, v })),
  fc.bigInt().map((v) => ({ kind: 'g' as const, v })),
  fc.constant({ kind: 'x' as const }),
);
function hashOf(values: readonly Value[]): string {
  const h = new StateHasher();
  for (const x of values) {
    if (x.kind === 'n') h.number(x.v);
    else if (x.kind === 's') h.string(x.v);
    else if (x.kind === 'b') h.boolean(x.v);
    else if (x.kind === 'g') h.bigint(x.v);
    else h.absent();
  }
  return h.digest();
}

describe('StateHasher', () => {
  it('is stable: pinned digests for fixed input', () => {
    expect(new StateHasher().digest()).toMatch(/^[0-9a-f]{16}$/);
    expect(new StateHasher().number(1).string('a').digest()).toBe(new StateHasher().number(1).string('a').digest());
    expect(new StateHasher().number(42).string('book').boolean(true).digest()).toMatchInlineSnapshot(`"418c01f4add9976f"`);
  });

  it('separates values that a naive concatenation would confuse', () => {
    const h = (f: (x: StateHasher) => void): string => {
      const x = new StateHasher();
      f(x);
      return x.digest();
    };
    expect(h((x) => x.string('ab').string('c'))).not.toBe(h((x) => x.string('a').string('bc')));
    expect(h((x) => x.number(1))).not.toBe(h((x) => x.string('1')));
    expect(h((x) => x.number(2 ** 32))).not.toBe(h((x) => x.number(0)));
    expect(h((x) => x.number(-1))).not.toBe(h((x) => x.number(2 ** 32 - 1)));
    expect(h((x) => x.absent())).not.toBe(h(() => undefined));
  });

  it('gives equal digests for equal sequences and (almost always) different ones otherwise', () => {
    fc.assert(
      fc.property(fc.array(valueArb, { maxLength: 20 }), fc.array(valueArb, { maxLength: 20 }), (x, y) => {
        expect(hashOf(x)).toBe(hashOf(structuredClone(x)));
        if (JSON.stringify(x, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)) !== JSON.stringify(y, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))) {
          expect(hashOf(x)).not.toBe(hashOf(y));
        }
      }),
      { numRuns: runs(1000) },
    );
  });
});
