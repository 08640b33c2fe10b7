import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Ledger, ManualClock, Market, type MarketCommand, type MarketOptions } from '../../src/index.js';
import { DAY, fund, MIN, Q } from './market-helpers.js';
import { codeOf } from '../helpers/expect-watt-error.js';

// Review of feat/trust, finding 8: a ledger entry's time enters the ledger's
// state hash, but the market's journal held only the market's time, so with a ledger clock that
// moves no replay reached the live state. The journal now records the ledger time each command
// pinned (`ledgerTime`), and a replay stamps its entries with it instead of reading the clock.

const TARIFF = { retailPrice: 2204, feedInPrice: 671 };
const PEOPLE = ['a', 'b', 'c'];

function makeLedger(clock: ManualClock | undefined): Ledger {
  return new Ledger({ assets: { VND: '1', kWh: '0.001' }, ...(clock === undefined ? {} : { clock }) });
}

function options(ledger: Ledger, collateral = true): Omit<MarketOptions, 'clock'> {
  return { tariff: TARIFF, priceTick: 1, collateral, energyCollateral: false, mode: 'auction', ledger };
}

/** A market on a ledger whose clock the test moves; the ledger's clock is read as the test sets it. */
function moving(collateral = true): { market: Market; clock: ManualClock; ledgerClock: ManualClock } {
  const ledgerClock = new ManualClock(DAY);
  const clock = new ManualClock(DAY - 60 * MIN);
  const market = new Market({ clock, ...options(makeLedger(ledgerClock), collateral) });
  fund(market, PEOPLE);
  return { market, clock, ledgerClock };
}

describe("the journal holds the ledger's time of each command (review finding 8)", () => {
  it("REVIEW-8: the ledger's time is part of the state hash and of the journal: a replay reaches the live state though the ledger's clock moved", () => {
    const { market, ledgerClock } = moving();
    ledgerClock.set(DAY + 1000);
    market.deposit({ id: 'later', participant: 'a', amount: 5 });
    // The replay's ledger: any clock (here the first reading); the journal's times replace its readings.
    const replayed = Market.replay(market.journal(), options(makeLedger(new ManualClock(DAY))));
    expect(replayed.stateHash()).toBe(market.stateHash());
    expect(replayed.journal()).toEqual(market.journal());
  });

  it('records ledgerTime only on commands that read the ledger clock, and only for a ledger with a clock', () => {
    const { market, clock, ledgerClock } = moving(false);
    ledgerClock.set(DAY + 7);
    market.submit({ id: 's', participant: 'a', deliveryStart: DAY, side: 'sell', price: 700, quantity: 1 });
    market.deposit({ id: 'd', participant: 'b', amount: 3 });
    clock.set(DAY + Q);
    market.advanceTo(DAY + Q);
    market.settle(DAY, [{ participant: 'a', net: 0 }]);
    const times = market.journal().map((c) => [c.kind, c.ledgerTime]);
    expect(times.filter(([kind]) => kind === 'register').every(([, t]) => t === undefined)).toBe(true);
    expect(times.slice(-4)).toEqual([['submit', undefined], ['deposit', DAY + 7], ['advance', undefined], ['settle', DAY + 7]]);
    const clockless = new Market({ clock: new ManualClock(DAY), ...options(makeLedger(undefined)) });
    fund(clockless, PEOPLE);
    expect(clockless.journal().every((c) => c.ledgerTime === undefined)).toBe(true);
  });

  it('a journal without ledgerTime (made before the field) replays as before, reading the ledger clock', () => {
    const { market } = moving();
    const old = market.journal().map((c) => {
      const copy: Record<string, unknown> = { ...c };
      delete copy['ledgerTime'];
      return copy as unknown as MarketCommand;
    });
    expect(old.some((c) => c.kind === 'deposit')).toBe(true);
    // The ledger clock never moved: reading it gives the journalled times again.
    expect(Market.replay(old, options(makeLedger(new ManualClock(DAY)))).stateHash()).toBe(market.stateHash());
    // With another clock reading, an old journal cannot reach the state (the limit the field removes).
    expect(Market.replay(old, options(makeLedger(new ManualClock(DAY + 1)))).stateHash()).not.toBe(market.stateHash());
  });

  it('refuses a journal whose ledgerTime is no safe integer (INVALID_JOURNAL)', () => {
    const { market } = moving();
    const journal = market.journal();
    const i = journal.findIndex((c) => c.ledgerTime !== undefined);
    for (const bad of [1.5, Number.NaN, '5', null, 2 ** 53]) {
      const broken = journal.map((c, k) => (k === i ? { ...c, ledgerTime: bad } : c)) as unknown as MarketCommand[];
      expect(codeOf(() => Market.replay(broken, options(makeLedger(new ManualClock(DAY)))))).toBe('INVALID_JOURNAL');
    }
  });

  // Known leftover of the trust round: a ledgerTime on an entry whose command reads no ledger time
  // was ignored by replay, which then reached a state the journal did not describe.
  it('refuses a ledgerTime on a command that makes no ledger entries (INVALID_JOURNAL), before it changes anything', () => {
    for (const collateral of [false, true]) {
      const { market } = moving(collateral);
      market.submit({ id: 's', participant: 'a', deliveryStart: DAY, side: 'sell', price: 700, quantity: 1 });
      const journal = market.journal();
      const kinds = collateral ? ['register'] : ['register', 'submit'];
      for (const kind of kinds) {
        const i = journal.findIndex((c) => c.kind === kind);
        expect(journal[i]?.ledgerTime).toBeUndefined();
        const broken = journal.map((c, k) => (k === i ? { ...c, ledgerTime: DAY + 5 } : c));
        expect(codeOf(() => Market.replay(broken, options(makeLedger(new ManualClock(DAY)), collateral)))).toBe('INVALID_JOURNAL');
      }
      // The same journal without the extra field replays to the live state.
      expect(Market.replay(journal, options(makeLedger(new ManualClock(DAY)), collateral)).stateHash()).toBe(market.stateHash());
    }
  });

  it('property: random commands under a moving ledger clock: the replay reaches the live state hash', () => {
    const command = fc.oneof(
      fc.record({ kind: fc.constant('deposit' as const), who: fc.constantFrom(...PEOPLE), amount: fc.integer({ min: 1, max: 50 }) }),
      fc.record({ kind: fc.constant('withdraw' as const), who: fc.constantFrom(...PEOPLE), amount: fc.integer({ min: 1, max: 50 }) }),
      fc.record({ kind: fc.constant('submit' as const), who: fc.constantFrom(...PEOPLE), buy: fc.boolean(), slot: fc.integer({ min: 0, max: 3 }), price: fc.integer({ min: 600, max: 900 }), quantity: fc.integer({ min: 1, max: 4 }) }),
      fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('amend' as const), pick: fc.nat(), price: fc.integer({ min: 600, max: 900 }) }),
      fc.record({ kind: fc.constant('advance' as const), by: fc.integer({ min: 1, max: 3 }) }),
    );
    fc.assert(
      fc.property(fc.boolean(), fc.array(fc.tuple(fc.integer({ min: 0, max: 5000 }), command), { maxLength: 25 }), (collateral, steps) => {
        const { market, clock, ledgerClock } = moving(collateral);
        let orders = 0;
        const ids: string[] = [];
        for (const [tick, c] of steps) {
          ledgerClock.set(ledgerClock.now() + tick);
          codeOf(() => {
            switch (c.kind) {
              case 'deposit':
                return market.deposit({ id: `d${orders++}`, participant: c.who, amount: c.amount });
              case 'withdraw':
                return market.withdraw({ id: `w${orders++}`, participant: c.who, amount: c.amount });
              case 'submit': {
                const id = `o${orders++}`;
                ids.push(id);
                return market.submit({ id, participant: c.who, deliveryStart: DAY + c.slot * Q, side: c.buy ? 'buy' : 'sell', price: c.price, quantity: c.quantity });
              }
              case 'cancel':
                return ids.length === 0 ? undefined : market.cancel(ids[c.pick % ids.length] as string);
              case 'amend':
                return ids.length === 0 ? undefined : market.amend(ids[c.pick % ids.length] as string, { price: c.price });
              case 'advance': {
                const to = Math.max(market.now, DAY - 60 * MIN) + c.by * Q;
                clock.set(to);
                market.advanceTo(to);
                // Settle what can be: every interval whose delivery ended.
                for (let start = DAY; start + Q <= to; start += Q) codeOf(() => market.settle(start, PEOPLE.map((p) => ({ participant: p, net: 0 }))));
                return undefined;
              }
            }
          });
        }
        const replayed = Market.replay(market.journal(), options(makeLedger(new ManualClock(0)), collateral));
        expect(replayed.stateHash()).toBe(market.stateHash());
        expect(replayed.journal()).toEqual(market.journal());
      }),
      { numRuns: 40 },
    );
  });
});
