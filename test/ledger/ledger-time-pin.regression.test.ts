import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { Ledger, ManualClock, Market } from '../../src/index.js';

// Adversarial review of feat/trust: the market pins its ledger's time for a command, and the pin
// lives on the ledger, not on the market's calls: user code inside a command must never see it
// (a Decimal amount in a Proxy is read before the pin, into an inert snapshot).

const DAY = Date.UTC(2025, 3, 7);

describe('the ledger time pin: regression of the trust review', () => {
  it("REVIEW-10: a ledger call the user makes directly from user code inside a market command is stamped with the ledger clock's reading, not the command's pin", () => {
    const ledgerClock = new ManualClock(DAY);
    const ledger = new Ledger({ assets: { VND: '1', kWh: '0.001' }, clock: ledgerClock });
    ledger.openAccount({ id: 'own-bank', asset: 'VND', allowNegative: true });
    ledger.openAccount({ id: 'own-wallet', asset: 'VND' });
    const market = new Market({ clock: new ManualClock(DAY), tariff: { retailPrice: 2204, feedInPrice: 671 }, priceTick: 1, ledger });
    market.registerParticipant({ id: 'a' });
    // A Decimal amount (a DecimalInput) wrapped in a Proxy: its trap runs while the deposit's
    // ledger time is pinned. It moves the application's own money on the shared ledger an hour later.
    let fired = false;
    const amount = new Proxy(new Decimal('10'), {
      get(target, key) {
        if (!fired) {
          fired = true;
          ledgerClock.set(DAY + 3_600_000);
          ledger.transfer({ id: 'own', from: 'own-bank', to: 'own-wallet', amount: 1 });
        }
        const v = Reflect.get(target, key, target) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    market.deposit({ id: 'd', participant: 'a', amount });
    const own = ledger.journal().find((e) => e.transferId === 'own');
    expect(own?.time).toBe(DAY + 3_600_000);
  });
});
