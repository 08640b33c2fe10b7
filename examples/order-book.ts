// A few prosumers of a university campus trade one 15-minute delivery interval on the
// continuous order book. Prices in VND per kWh, between the feed-in tariff and the retail
// tariff (the book's price band); quantities in kWh to the Wh.
// Run: npx tsx examples/order-book.ts
import { OrderBook, type DepthLevel } from '../src/index.js';

const book = new OrderBook({
  priceTick: '1', // 1 VND
  quantityStep: '0.001', // 1 Wh
  selfTrade: 'cancel-taker',
  priceBand: { min: 1000, max: 2900 }, // feed-in tariff .. retail tariff
});

book.on('trade', (t) => {
  console.log(`  trade #${t.sequence}: ${t.seller} -> ${t.buyer}  ${t.quantity.toFixed(3)} kWh at ${t.price.toString()} VND/kWh (${t.takerSide} order took it)`);
});
book.on('cancelled', (e) => {
  console.log(`  cancelled ${e.orderId} (${e.reason}): ${e.quantity.toString()} kWh`);
});

function show(step: string, result: { status: string; filled: { toString(): string }; remaining: { toString(): string }; cancelReason?: string | undefined }): void {
  const reason = result.cancelReason === undefined ? '' : ` (${result.cancelReason})`;
  console.log(`${step}: ${result.status}${reason}, filled ${result.filled.toString()} kWh, resting ${result.remaining.toString()} kWh`);
}

console.log('Interval 12:00-12:15, campus feeder A\n');
// Sellers: rooftop solar at noon, a stationary battery, the canopy solar over the car park.
show('library roof sells 40 kWh at 1500', book.submit({ id: 'lib-1', owner: 'library-roof', side: 'sell', price: 1500, quantity: 40 }));
show('canopy solar sells 25.5 kWh at 1450', book.submit({ id: 'can-1', owner: 'canopy-solar', side: 'sell', price: 1450, quantity: '25.5' }));
show('battery sells 10 kWh at 1900', book.submit({ id: 'bat-1', owner: 'campus-battery', side: 'sell', price: 1900, quantity: 10, postOnly: true }));

// Buyers: EV chargers, the swap station for electric motorbikes, the chemistry lab.
show('EV chargers buy 50 kWh up to 1600', book.submit({ id: 'ev-1', owner: 'ev-chargers', side: 'buy', price: 1600, quantity: 50 }));
show('swap station buys 12.25 kWh at market, fill or kill', book.submit({ id: 'swap-1', owner: 'swap-station', side: 'buy', type: 'market', quantity: '12.25', timeInForce: 'FOK' }));
show('chemistry lab buys 30 kWh up to 1800, IOC', book.submit({ id: 'lab-1', owner: 'chem-lab', side: 'buy', price: 1800, quantity: 30, timeInForce: 'IOC' }));
show('dormitory bids 20 kWh at 1550', book.submit({ id: 'dorm-1', owner: 'dormitory', side: 'buy', price: 1550, quantity: 20 }));
show('battery lowers its offer to 1880 (keeps no place: new price)', book.amend('bat-1', { price: 1880 }));

const row = (l: DepthLevel): string => `${l.price.toString().padStart(6)} VND  ${l.quantity.toFixed(3).padStart(9)} kWh  (${l.orders} order${l.orders === 1 ? '' : 's'})`;
console.log('\nDepth after the session:');
console.log(' asks, best first:');
for (const l of book.depth().asks) console.log(`  ${row(l)}`);
console.log(' bids, best first:');
for (const l of book.depth().bids) console.log(`  ${row(l)}`);
console.log(`\nbest bid ${book.bestBid()?.toString() ?? '-'}, best ask ${book.bestAsk()?.toString() ?? '-'}, ${book.size} orders resting`);

// The whole state as plain data, restorable into an identical book (same state hash).
const copy = OrderBook.restore(book.snapshot());
console.log(`state hash ${book.stateHash()}, restored copy ${copy.stateHash()}`);
