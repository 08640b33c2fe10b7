// A small campus market: five participants trade two 15-minute intervals by call auction,
// the gates close, the meters report, and the intervals settle. Printed step by step.
// Run: npx tsx examples/market.ts
import { ManualClock, Market } from '../src/index.js';

const MIN = 60_000;
const day = Date.UTC(2025, 3, 7); // 2025-04-07, UTC
const first = day + 3 * 60 * MIN; // 10:00 in Binh Duong (UTC+7)
const second = first + 15 * MIN;
const clock = new ManualClock(first - 60 * MIN);

const market = new Market({
  clock,
  tariff: { retailPrice: 2204, feedInPrice: 671, gridFee: { kind: 'per-kwh', price: 50 } }, // VND/kWh
  priceTick: 1,
  mode: 'auction',
});
market.on('trade', (t) => console.log(`  trade    ${t.seller} -> ${t.buyer}: ${t.quantity.toString()} kWh at ${t.buyerPrice.toString()} VND/kWh`));
market.on('auctionCleared', (e) => console.log(`  cleared  ${e.products.join(', ')}: ${e.result.volume.toString()} kWh at ${e.result.price?.toString() ?? '-'}`));
market.on('orderCancelled', (e) => console.log(`  unfilled ${e.orderId} (${e.reason})`));

console.log('1. Five participants register and fund their accounts');
for (const id of ['lecture-roof', 'canopy', 'lab', 'dorm', 'battery']) {
  market.registerParticipant({ id });
  market.deposit({ id: `opening-${id}`, participant: id, amount: 500_000 });
}

console.log('2. Sealed orders for 10:00 and 10:15 (local)');
const orders = [
  { id: 'roof-1000', participant: 'lecture-roof', deliveryStart: first, side: 'sell', price: 900, quantity: 12 },
  { id: 'canopy-1000', participant: 'canopy', deliveryStart: first, side: 'sell', price: 750, quantity: 20 },
  { id: 'lab-1000', participant: 'lab', deliveryStart: first, side: 'buy', price: 2204, quantity: 18 },
  { id: 'dorm-1000', participant: 'dorm', deliveryStart: first, side: 'buy', price: 1400, quantity: 6 },
  { id: 'battery-1000', participant: 'battery', deliveryStart: first, side: 'buy', price: 1100, quantity: 10 },
  { id: 'canopy-1015', participant: 'canopy', deliveryStart: second, side: 'sell', price: 700, quantity: 15 },
  { id: 'battery-1015', participant: 'battery', deliveryStart: second, side: 'sell', price: 1500, quantity: 8 },
  { id: 'lab-1015', participant: 'lab', deliveryStart: second, side: 'buy', price: 2000, quantity: 20 },
] as const;
for (const o of orders) {
  const r = market.submit(o);
  console.log(`  ${o.id.padEnd(13)} ${o.side.padEnd(4)} ${String(o.quantity).padStart(3)} kWh at ${String(o.price).padStart(4)}: ${r.status}`);
}
console.log(`  lab has ${market.balance('lab').available.toString()} VND available (its bids reserve their value)`);

console.log('3. Gate closure (5 minutes before delivery): the auctions clear');
clock.set(second - 5 * MIN);
market.advanceTo(clock.now());

console.log('4. After delivery the meters report and the intervals settle');
clock.set(second + 15 * MIN);
const s1 = market.settle(first, [
  { participant: 'lecture-roof', exported: 11 }, // a kWh short of what it sold: bought at retail
  { participant: 'canopy', exported: 20 },
  { participant: 'lab', imported: 18 },
  { participant: 'dorm', imported: 6 },
  { participant: 'battery', imported: 10 },
]);
const s2 = market.settle(second, [
  { participant: 'canopy', exported: 16 }, // a kWh more than it sold: sold at the feed-in price
  { participant: 'battery', exported: 5 },
  { participant: 'lab', imported: 20 },
]);
for (const s of [s1, s2]) {
  console.log(`  ${s.interval}: traded ${s.totals.traded.toString()} kWh, grid fees ${s.totals.gridFees.toString()} VND, utility supplied ${s.totals.utilitySupplied.toString()} kWh, absorbed ${s.totals.utilityAbsorbed.toString()} kWh`);
}

console.log('5. Balances (VND)');
for (const p of market.participants()) {
  const b = market.balance(p.id);
  console.log(`  ${p.id.padEnd(13)} ${b.money.toString().padStart(8)}  (change ${b.money.minus(500_000).toString()})`);
}
console.log(`  network operator ${market.ledger.balance('network:VND').toString()}, utility ${market.ledger.balance('utility:VND').toString()}`);
console.log(`  journal: ${market.journal().length} commands; replay gives the same state: ${Market.replay(market.journal(), { tariff: { retailPrice: 2204, feedInPrice: 671, gridFee: { kind: 'per-kwh', price: 50 } }, priceTick: 1 }).stateHash() === market.stateHash()}`);
