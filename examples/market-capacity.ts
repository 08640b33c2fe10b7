// Link capacities in a Market: two feeders coupled by one line that carries 500 kWh per
// interval. The north feeder has cheap solar, the south a dear generator. An auction interval
// clears both feeders jointly up to the line's limit: two prices, congestion rent settled to the
// network's congestion account. Then a continuous interval whose feeder may trade only 5 kWh
// inside itself: a large buy order trades up to the limit and its rest follows its time in force.
// Run: npx tsx examples/market-capacity.ts
import { ManualClock, Market } from '../src/index.js';

const MIN = 60_000;
const day = Date.UTC(2025, 3, 7);
const start = day + 3 * 60 * MIN;
const clock = new ManualClock(start - 60 * MIN);

const market = new Market({
  clock,
  zones: ['north', 'south'],
  priceTick: 1,
  tariff: {
    retailPrice: 2204,
    feedInPrice: 671,
    zoneFees: { north: { north: 0, south: 0 }, south: { north: 0, south: 0 } },
    zoneCapacity: { north: { south: 500 } }, // kWh per interval from northern sellers to southern buyers
  },
});
for (const [id, zone] of [['solar', 'north'], ['lab', 'north'], ['genset', 'south'], ['dorms', 'south']] as const) {
  market.registerParticipant({ id, zone });
  market.deposit({ id: `d-${id}`, participant: id, amount: 5_000_000 });
}

console.log('1. Sealed orders; the gate closes and both feeders clear jointly');
market.submit({ id: 'solar', participant: 'solar', deliveryStart: start, side: 'sell', price: 1000, quantity: 1000 });
market.submit({ id: 'lab', participant: 'lab', deliveryStart: start, side: 'buy', price: 2000, quantity: 400 });
market.submit({ id: 'genset', participant: 'genset', deliveryStart: start, side: 'sell', price: 1600, quantity: 1000 });
market.submit({ id: 'dorms', participant: 'dorms', deliveryStart: start, side: 'buy', price: 2000, quantity: 1000 });
market.advanceTo(start - 5 * MIN);
const result = market.auctionResult('north', start);
for (const z of result?.zonePrices ?? []) console.log(`   ${z.zone}: ${z.buyerPrice?.toString() ?? '-'} VND/kWh`);
for (const f of result?.flows ?? []) console.log(`   line ${f.from} -> ${f.to}: ${f.quantity.toString()} kWh${f.congested ? ' (full)' : ''}, rent ${f.congestionRent.toString()} VND`);

console.log('2. Delivery and settlement: the rent goes to the congestion account');
clock.set(start + 15 * MIN);
const settled = market.settle(start, [
  { participant: 'solar', exported: 900 },
  { participant: 'lab', imported: 400 },
  { participant: 'genset', exported: 500 },
  { participant: 'dorms', imported: 1000 },
]);
const t = settled.totals;
console.log(`   buyers paid ${t.buyerPayments.toString()} = sellers ${t.sellerReceipts.toString()} + fees ${t.gridFees.toString()} + congestion rent ${t.congestionRent.toString()}`);
console.log(`   congestion:VND holds ${market.ledger.balance('congestion:VND').toString()} VND`);

console.log('3. A continuous feeder whose own link carries 5 kWh per interval');
const clock2 = new ManualClock(start - 60 * MIN);
const feeder = new Market({ clock: clock2, mode: 'continuous', priceTick: 1, tariff: { retailPrice: 2204, feedInPrice: 671, zoneCapacity: { main: { main: 5 } } } });
for (const id of ['roof', 'canopy', 'lab']) {
  feeder.registerParticipant({ id });
  feeder.deposit({ id: `d-${id}`, participant: id, amount: 100_000 });
}
feeder.submit({ id: 'r', participant: 'roof', deliveryStart: start, side: 'sell', price: 1000, quantity: 3 });
feeder.submit({ id: 'c', participant: 'canopy', deliveryStart: start, side: 'sell', price: 1100, quantity: 4 });
feeder.on('orderCancelled', (e) => console.log(`   ${e.orderId}: rest cancelled (${e.reason})`));
const r = feeder.submit({ id: 'big', participant: 'lab', deliveryStart: start, side: 'buy', price: 1200, quantity: 10 });
console.log(`   lab buys 10 kWh: ${r.trades.map((x) => `${x.quantity.toString()} kWh at ${x.buyerPrice.toString()}`).join(', ')}; filled ${r.filled.toString()}`);
