// One market, every mechanism: who trades, at what prices, and what each gives up.
// Run: npx tsx examples/auction.ts
import { clearAuction, MECHANISM_PROPERTIES, type AuctionOrder, type BuiltInMechanismName } from '../src/index.js';

// A campus interval: rooftop solar and a battery sell, labs, dorms and EV chargers buy.
// Prices in VND per kWh, quantities in kWh.
const orders: AuctionOrder[] = [
  { id: 'lab-a', owner: 'lab', side: 'buy', price: 2900, quantity: 40, zone: 'north' },
  { id: 'dorm-1', owner: 'dorm', side: 'buy', price: 2600, quantity: 25, zone: 'south' },
  { id: 'ev-bay', owner: 'ev', side: 'buy', price: 2300, quantity: 30, zone: 'north' },
  { id: 'office', owner: 'office', side: 'buy', price: 2100, quantity: 20, zone: 'south' },
  { id: 'roof-1', owner: 'roof', side: 'sell', price: 1200, quantity: 35, zone: 'south' },
  { id: 'canopy', owner: 'canopy', side: 'sell', price: 1800, quantity: 25, zone: 'north' },
  { id: 'battery', owner: 'battery', side: 'sell', price: 2400, quantity: 5, zone: 'north' },
  { id: 'swap', owner: 'swap', side: 'sell', price: 2700, quantity: 15, zone: 'south' },
];
const withoutZones = orders.map((o) => ({ ...o, zone: undefined }));
const OPTIONS = { priceTick: 1 } as const;

/** A list of prices as 'p' or 'low..high' (prices here are whole VND, so numbers are exact). */
function range(prices: number[]): string {
  if (prices.length === 0) return '-';
  const low = Math.min(...prices);
  const high = Math.max(...prices);
  return low === high ? String(low) : `${low}..${high}`;
}

console.log('mechanism        | buyers pay | sellers get | kWh    | welfare   | surplus | truthful     | budget');
console.log('-----------------|------------|-------------|--------|-----------|---------|--------------|-------');
for (const mechanism of Object.keys(MECHANISM_PROPERTIES) as BuiltInMechanismName[]) {
  const r = clearAuction(withoutZones, { ...OPTIONS, mechanism });
  const buyerPrices = range(r.trades.map((t) => t.buyerPrice.toNumber()));
  const sellerPrices = range(r.trades.map((t) => t.sellerPrice.toNumber()));
  const p = MECHANISM_PROPERTIES[mechanism];
  console.log(
    `${mechanism.padEnd(16)} | ${buyerPrices.padStart(10)} | ${sellerPrices.padStart(11)} | ${r.volume.toString().padStart(6)} | ${r.welfare.toString().padStart(9)} | ${r.surplus.toString().padStart(7)} | ${p.truthful.padEnd(12)} | ${p.budgetBalance}`,
  );
}

const uniform = clearAuction(withoutZones, OPTIONS);
console.log(`\nuniform: clearing interval [${uniform.interval?.low.toString()}, ${uniform.interval?.high.toString()}], price at k = 0.5: ${uniform.price?.toString()}`);
for (const f of uniform.fills) console.log(`  ${f.orderId.padEnd(8)} ${f.side.padEnd(4)} filled ${f.filled.toString().padStart(3)} of ${f.quantity.toString().padStart(3)} kWh`);

// The same market on two feeders: 150 VND per kWh between them, nothing within one.
const zones = { fees: { north: { north: 0, south: 150 }, south: { north: 150, south: 0 } } };
const zoned = clearAuction(orders, { ...OPTIONS, zones });
console.log(`\nwith grid fees between feeders: ${zoned.volume.toString()} kWh, welfare ${zoned.welfare.toString()}, fees ${zoned.fees.toString()}`);
for (const z of zoned.zonePrices) console.log(`  ${z.zone.padEnd(5)} buyers pay ${z.buyerPrice?.toString() ?? '-'}, sellers get ${z.sellerPrice?.toString() ?? '-'}`);
for (const t of zoned.trades) {
  console.log(`  ${t.sellOrderId.padEnd(8)} -> ${t.buyOrderId.padEnd(8)} ${t.quantity.toString().padStart(3)} kWh at ${t.buyerPrice.toString()}/${t.sellerPrice.toString()} (fee ${t.fee.toString()})`);
}
