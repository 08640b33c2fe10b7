import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { ManualClock, Market, type MarketOptions } from '../../src/index.js';
import { DAY, fund, MIN, Q } from './market-helpers.js';
import { codeOf } from '../helpers/expect-watt-error.js';

// Review of feat/trust, findings 5, 6, 9 and 11: settle and settleSteps
// read their readings' fields where they used them (more than once, and after the check that the
// interval is not settled yet), and registerParticipant read the zone after the duplicate check.
// Every case failed before the fix: the readings (and a registration) are now copied once, in the
// read step, before the clocks and any check.

const TARIFF = { retailPrice: 2204, feedInPrice: 671 };
const PEOPLE = ['a', 'b', 'c'];

function setup(): { market: Market; opts: Omit<MarketOptions, 'clock'> } {
  const clock = new ManualClock(DAY - 60 * MIN);
  const opts: Omit<MarketOptions, 'clock'> = { tariff: TARIFF, priceTick: 1, collateral: false, energyCollateral: false, mode: 'auction' };
  const market = new Market({ clock, ...opts });
  fund(market, PEOPLE);
  market.submit({ id: 's', participant: 'a', deliveryStart: DAY, side: 'sell', price: 700, quantity: 1 });
  market.submit({ id: 'b', participant: 'b', deliveryStart: DAY, side: 'buy', price: 900, quantity: 1 });
  clock.set(DAY + Q);
  market.advanceTo(DAY + Q);
  return { market, opts };
}

/** Counts the reads of each field of `fields` (getters over the values). */
function counted(fields: Record<string, unknown>, reads: Record<string, number>): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    Object.defineProperty(o, key, {
      enumerable: true,
      get: () => {
        reads[key] = (reads[key] ?? 0) + 1;
        return value;
      },
    });
  }
  return o;
}

describe('settle and registerParticipant read their input once, before the checks (review findings 5, 6, 9, 11)', () => {
  it("REVIEW-5: settle reads each reading's value once: the journal holds what was settled and replays to the live state", () => {
    const { market, opts } = setup();
    let reads = 0;
    const a = {
      participant: 'a',
      get net(): string {
        return String(++reads);
      },
    };
    market.settle(DAY, [a, { participant: 'b', net: -1 }, { participant: 'c', net: 0 }] as never);
    expect(reads).toBe(1);
    expect(Market.replay(market.journal(), opts).stateHash()).toBe(market.stateHash());
  });

  it("REVIEW-6: a reading's getter that settles the same interval: the outer settle is refused ALREADY_SETTLED and the journal replays", () => {
    const { market, opts } = setup();
    const plain = [{ participant: 'a', net: 1 }, { participant: 'b', net: -1 }];
    let fired = false;
    const a = {
      get participant(): string {
        if (!fired) {
          fired = true;
          market.settle(DAY, plain);
        }
        return 'a';
      },
      net: 1,
    };
    const code = codeOf(() => market.settle(DAY, [a, { participant: 'b', net: -1 }] as never));
    expect(market.journal().filter((c) => c.kind === 'settle')).toHaveLength(1);
    expect(() => Market.replay(market.journal(), opts)).not.toThrow();
    expect(code).toBe('ALREADY_SETTLED');
  });

  it('REVIEW-6 (settleSteps): a getter that settles the same interval: the outer settleSteps is refused ALREADY_SETTLED', () => {
    const { market, opts } = setup();
    let fired = false;
    const a = {
      participant: 'a',
      get netSteps(): number {
        if (!fired) {
          fired = true;
          market.settleSteps(DAY, [{ participant: 'a', netSteps: 1000 }, { participant: 'b', netSteps: -1000 }]);
        }
        return 1000;
      },
    };
    expect(codeOf(() => market.settleSteps(DAY, [a, { participant: 'b', netSteps: -1000 }] as never))).toBe('ALREADY_SETTLED');
    expect(market.journal().filter((c) => c.kind === 'settle')).toHaveLength(1);
    expect(Market.replay(market.journal(), opts).stateHash()).toBe(market.stateHash());
  });

  it("a Decimal value (a Proxy) runs its user code in the read step: a trap that settles the same interval gets the outer settle refused ALREADY_SETTLED", () => {
    const { market, opts } = setup();
    let fired = false;
    const net = new Proxy(new Decimal(1), {
      get(target, key) {
        if (!fired) {
          fired = true;
          market.settle(DAY, [{ participant: 'a', net: 1 }, { participant: 'b', net: -1 }]);
        }
        const v = Reflect.get(target, key, target) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    expect(codeOf(() => market.settle(DAY, [{ participant: 'a', net }, { participant: 'b', net: -1 }]))).toBe('ALREADY_SETTLED');
    expect(Market.replay(market.journal(), opts).stateHash()).toBe(market.stateHash());
  });

  it('REVIEW-9: a participant\'s zone getter that registers the same id: the outer registration is refused DUPLICATE_PARTICIPANT', () => {
    const { market } = setup();
    const p = {
      id: 'z',
      get zone(): undefined {
        market.registerParticipant({ id: 'z' });
        return undefined;
      },
    };
    expect(codeOf(() => market.registerParticipant(p as never))).toBe('DUPLICATE_PARTICIPANT');
  });

  it("REVIEW-11: settleSteps reads a reading's participant once: the money, the result and the journal name the same participant, and the journal replays", () => {
    const { market, opts } = setup();
    let reads = 0;
    const a = {
      get participant(): string {
        return ++reads === 1 ? 'a' : 'c';
      },
      netSteps: 1000,
    };
    market.settleSteps(DAY, [a, { participant: 'b', netSteps: -1000 }] as never);
    expect(reads).toBe(1);
    expect(Market.replay(market.journal(), opts).stateHash()).toBe(market.stateHash());
  });

  it('every field of every reading and of a registration is read exactly once', () => {
    const { market } = setup();
    const reads: Record<string, number> = {};
    market.registerParticipant(counted({ id: 'd', zone: undefined }, reads) as never);
    expect(reads).toEqual({ id: 1, zone: 1 });
    const steps: Record<string, number> = {};
    market.settleSteps(DAY, [counted({ participant: 'a', exportedSteps: 1000, importedSteps: 0 }, steps), { participant: 'b', netSteps: -1000 }] as never);
    expect(steps).toEqual({ participant: 1, exportedSteps: 1, importedSteps: 1 });
  });

  it('the same first error as before for bad readings (the copy keeps unknown field names and non-objects)', () => {
    const { market } = setup();
    expect(codeOf(() => market.settle(DAY, [{ participant: 'a', net: 1, nett: 2 }] as never))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => market.settleSteps(DAY, [{ participant: 'a', netSteps: 1, nett: 2 }] as never))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => market.settleSteps(DAY, [7] as never))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => market.settle(DAY, 'x' as never))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => market.settle(DAY, [{ participant: 'a', net: new Decimal(NaN) }] as never))).toBe('INVALID_QUANTITY');
    // The interval's checks still come first.
    expect(codeOf(() => market.settle(DAY + 7, 'x' as never))).toBe('UNKNOWN_PRODUCT');
    expect(codeOf(() => market.registerParticipant({ id: 'e', zon: 'x' } as never))).toBe('INVALID_OPTION');
    expect(market.journal().filter((c) => c.kind === 'settle')).toHaveLength(0);
  });
});
