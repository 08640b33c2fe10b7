import { describe, expect, it } from 'vitest';
import { Ledger, openSettlementAccounts, settleInterval, type IntervalSettlementInput } from '../../src/index.js';
import { BASE, PEOPLE } from './settlement-fixtures.js';


/** A ledger whose clock runs `hook` (once armed) every time it is read. */
function ledgerWithHook(): { ledger: Ledger; arm: (hook: () => void) => void } {
  let hook: (() => void) | undefined;
  const clock = {
    now(): number {
      const h = hook;
      hook = undefined; // once: the nested call reads the clock of another ledger anyway
      h?.();
      return 1_000_000;
    },
  };
  const ledger = new Ledger({ assets: { VND: '1', kWh: '0.001' }, clock });
  openSettlementAccounts(ledger, { participants: PEOPLE, credit: true });
  return { ledger, arm: (h) => (hook = h) };
}

function plainLedger(): Ledger {
  const ledger = new Ledger({ assets: { VND: '1', kWh: '0.001' }, clock: { now: () => 1_000_000 } });
  openSettlementAccounts(ledger, { participants: PEOPLE, credit: true });
  return ledger;
}

const OUTER = BASE;

// Another interval with other amounts and fewer legs, so a mix-up shows.
const INNER: IntervalSettlementInput = {
  interval: 'other',
  trades: [{ sequence: 9, buyer: 'rooftop', seller: 'library', quantity: '1', price: '1000' }],
  meters: [
    { participant: 'rooftop', imported: '1' },
    { participant: 'library', exported: '1' },
  ],
  tariff: { retailPrice: '2000', feedInPrice: '500' },
};

function view(ledger: Ledger): unknown {
  return { hash: ledger.stateHash(), journal: ledger.journal().map((e) => [e.transferId, e.debitAccount, e.creditAccount, e.amountSteps]) };
}

describe('settleInterval re-entered from the ledger clock (regression: issue 11 defect 13)', () => {
  for (const same of [false, true]) {
    it(`posts its own legs when the clock settles another interval of ${same ? 'the same' : 'another'} ledger`, () => {
      const expected = plainLedger();
      const reference = settleInterval(expected, OUTER);

      const { ledger, arm } = ledgerWithHook();
      const other = same ? ledger : plainLedger();
      let nested: unknown;
      arm(() => {
        nested = settleInterval(other, INNER).totals.traded.toString();
      });
      const result = settleInterval(ledger, OUTER);
      expect(nested).toBe('1');
      expect(result.transfers).toBe(reference.transfers);
      expect(JSON.stringify(result.participants)).toBe(JSON.stringify(reference.participants));
      if (!same) {
        expect(view(ledger)).toEqual(view(expected));
      } else {
        // The nested interval's batch comes first in the journal; the outer one is unchanged.
        const outerLegs = (l: Ledger): unknown[] => l.journal().filter((e) => e.batchId === 'settle/I1').map((e) => [e.transferId, e.debitAccount, e.creditAccount, e.amountSteps]);
        expect(outerLegs(ledger)).toEqual(outerLegs(expected));
      }
    });
  }
});
