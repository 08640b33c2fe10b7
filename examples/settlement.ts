// Settles one 15-minute delivery interval of a small campus market: two trades, a seller that
// delivers less than it sold (a shortfall, bought from the utility at the retail price), a
// seller that delivers more (a surplus, sold to the utility at the feed-in price), a buyer that
// consumes more than it bought, a grid fee split between buyer and seller, and one atomic ledger
// batch. Then prints the statements and checks that energy and money add up.
// Run: npx tsx examples/settlement.ts
import { Ledger, ManualClock, openSettlementAccounts, settleInterval } from '../src/index.js';

const clock = new ManualClock(Date.UTC(2024, 3, 1, 10, 15));
const ledger = new Ledger({ assets: { VND: '1', kWh: '0.001' }, clock });
openSettlementAccounts(ledger, { participants: ['canopy', 'rooftop', 'ev-hub', 'library'] });
ledger.openAccount({ id: 'bank', asset: 'VND', allowNegative: true });
for (const p of ['canopy', 'rooftop', 'ev-hub', 'library']) {
  ledger.transfer({ id: `deposit/${p}`, from: 'bank', to: `${p}:VND`, amount: 50_000, memo: 'opening deposit' });
}

clock.advance(15 * 60_000);
const interval = '2024-04-01T10:15';
const input = {
  interval,
  trades: [
    // An order-book trade: one price.
    { sequence: 1, buyer: 'ev-hub', seller: 'canopy', quantity: '4', price: '1850.5' },
    // An auction trade: the buyer pays a little more than the seller receives (the market's spread).
    { buyOrderId: 'b7', sellOrderId: 's3', buyer: 'library', seller: 'rooftop', quantity: '2.5', buyerPrice: '1900', sellerPrice: '1800.3' },
  ],
  meters: [
    { participant: 'canopy', exported: '3.2' }, // sold 4, delivered 3.2: short 0.8
    { participant: 'rooftop', exported: '3.1' }, // sold 2.5, delivered 3.1: surplus 0.6
    { participant: 'ev-hub', imported: '5.25' }, // bought 4, used 5.25: short 1.25
    { participant: 'library', net: '-2.5' }, // bought 2.5, used 2.5: balanced
  ],
  tariff: {
    retailPrice: '2536',
    feedInPrice: '671',
    gridFee: { kind: 'per-kwh' as const, price: '120.5' },
    gridFeePayer: 'split' as const,
  },
};
// Transfer ids: by default `<batch>/<n>` (no string per transfer, for speed); named ids read
// better in the statements printed below, so this example asks for them.
const options = { legIds: 'named' as const };
const result = settleInterval(ledger, input, options);
console.log(`settled ${result.interval}: ${result.transfers} transfers in batch '${result.batchId}'`);
console.log('participant  sold  bought  exported  imported  imbalance   paid  received  fees  imbalance VND  net VND');
for (const p of result.participants) {
  console.log(
    `${p.participant.padEnd(11)} ${p.sold.toString().padStart(5)} ${p.bought.toString().padStart(7)} ${p.exported.toString().padStart(9)}` +
      ` ${p.imported.toString().padStart(9)} ${p.imbalance.toString().padStart(10)} ${p.paid.toString().padStart(6)}` +
      ` ${p.received.toString().padStart(9)} ${p.fees.toString().padStart(5)} ${p.imbalanceAmount.toString().padStart(14)} ${p.net.toString().padStart(8)}`,
  );
}
const t = result.totals;
console.log(`energy: exported ${t.exported.toString()} + utility supplied ${t.utilitySupplied.toString()} = imported ${t.imported.toString()} + utility absorbed ${t.utilityAbsorbed.toString()} kWh`);
console.log(
  `money: buyers paid ${t.buyerPayments.toString()}, sellers received ${t.sellerReceipts.toString()}, market spread ${t.marketSpread.toString()}, residue ${t.residue.toString()}, grid fees ${t.gridFees.toString()} VND`,
);

for (const account of ['canopy:VND', 'ev-hub:kWh']) {
  const s = ledger.statement(account);
  console.log(`\nstatement ${s.account} (${s.asset}), sequences ${s.from}-${s.to}: opening ${s.openingBalance.toString()}`);
  for (const line of s.lines) {
    console.log(`  #${String(line.sequence).padStart(2)} ${line.transferId.padEnd(40)} ${line.change.toString().padStart(8)} -> ${line.balance.toString()}`);
  }
  console.log(`  closing ${s.closingBalance.toString()}`);
}

const again = settleInterval(ledger, input, options);
console.log(`\nsettling again: ${again.status}, journal still at sequence ${ledger.journalLength}`);
console.log(`ledger verifies: ${ledger.verify().ok}`);
