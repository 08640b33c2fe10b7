import { describe, expect, it } from 'vitest';
import { Ledger, ManualClock, Market, WattError, type MarketOptions } from '../../src/index.js';
import { DAY, fund, MIN, Q } from './market-helpers.js';

// Adversarial review of feat/trust ("every Market command reads its input once, then the clocks,
// then checks, then changes: no user code between the checks and the change"). Every test here
// FAILS on the reviewed HEAD: each shows a defect (see REVIEW.md). They are named REVIEW-n.
// REVIEW-1..4, 7, 10 and 12 are fixed: see user-value-in-command.regression.test.ts and
// test/ledger/ledger-time-pin.regression.test.ts.

const TARIFF = { retailPrice: 2204, feedInPrice: 671 };
const PEOPLE = ['a', 'b', 'c'];

function options(mode: NonNullable<MarketOptions['mode']>, collateral: boolean, ledger?: Ledger): Omit<MarketOptions, 'clock'> {
  return { tariff: TARIFF, priceTick: 1, collateral, energyCollateral: false, mode, ...(ledger === undefined ? {} : { ledger }) };
}

function setup(mode: NonNullable<MarketOptions['mode']> = 'auction', collateral = true): { market: Market; clock: ManualClock; opts: Omit<MarketOptions, 'clock'> } {
  const clock = new ManualClock(DAY - 60 * MIN);
  const opts = options(mode, collateral);
  const market = new Market({ clock, ...opts });
  fund(market, PEOPLE);
  return { market, clock, opts };
}

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
    return undefined;
  } catch (e) {
    if (e instanceof WattError) return e.code;
    throw e;
  }
}

describe('review of feat/trust: user code inside a command (each FAILS now)', () => {
  it("REVIEW-5: settle reads each reading's value once: the journal holds what was settled and replays to the live state", () => {
    const { market, clock, opts } = setup('auction', false);
    market.submit({ id: 's', participant: 'a', deliveryStart: DAY, side: 'sell', price: 800, quantity: 1 });
    market.submit({ id: 'b', participant: 'b', deliveryStart: DAY, side: 'buy', price: 900, quantity: 1 });
    clock.set(DAY + Q);
    market.advanceTo(DAY + Q);
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
    const { market, clock, opts } = setup('auction', false);
    market.submit({ id: 's', participant: 'a', deliveryStart: DAY, side: 'sell', price: 800, quantity: 1 });
    market.submit({ id: 'b', participant: 'b', deliveryStart: DAY, side: 'buy', price: 900, quantity: 1 });
    clock.set(DAY + Q);
    market.advanceTo(DAY + Q);
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

  it("REVIEW-8: the ledger's time is part of the state hash but not of the journal: a replay cannot reach the live state once the ledger's clock moved", () => {
    const ledgerClock = new ManualClock(DAY);
    const clock = new ManualClock(DAY - 60 * MIN);
    const make = (c: ManualClock): Ledger => new Ledger({ assets: { VND: '1', kWh: '0.001' }, clock: c });
    const market = new Market({ clock, ...options('auction', true, make(ledgerClock)) });
    fund(market, PEOPLE);
    ledgerClock.set(DAY + 1000);
    market.deposit({ id: 'later', participant: 'a', amount: 5 });
    // The replay's ledger: any clock the caller can give (here the first reading); the journal
    // holds no ledger time, so no choice reproduces both entries' times.
    const replayed = Market.replay(market.journal(), options('auction', true, make(new ManualClock(DAY))));
    expect(replayed.stateHash()).toBe(market.stateHash());
  });

  it("REVIEW-9: a participant's zone getter that registers the same id: the outer registration is refused DUPLICATE_PARTICIPANT", () => {
    const { market } = setup('auction', false);
    const p = {
      id: 'z',
      get zone(): undefined {
        market.registerParticipant({ id: 'z' });
        return undefined;
      },
    };
    expect(codeOf(() => market.registerParticipant(p as never))).toBe('DUPLICATE_PARTICIPANT');
  });

  it("REVIEW-11: settleSteps reads a reading's participant twice: the settlement pays the participant checked, the journal names another, and the journal does not replay", () => {
    const { market, clock, opts } = setup('auction', false);
    market.submit({ id: 's', participant: 'a', deliveryStart: DAY, side: 'sell', price: 700, quantity: 1 });
    market.submit({ id: 'b', participant: 'b', deliveryStart: DAY, side: 'buy', price: 900, quantity: 1 });
    clock.set(DAY + Q);
    market.advanceTo(DAY + Q);
    let reads = 0;
    // No call into the market: only a value that differs between reads.
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
});
