// Exact numbers at the boundary: decimals in, integers inside, decimals out, never rounded.
// Run: npx tsx examples/exact-numbers.ts
import { DecimalGrid, WattError } from '../src/index.js';

const priceTicks = new DecimalGrid('0.0001', { name: 'price' });
const wattHours = new DecimalGrid('0.001', { sign: 'positive', name: 'quantity' });

console.log('2450.5 VND/kWh =', priceTicks.toSteps('2450.5'), 'ticks');
console.log('1.25 kWh       =', wattHours.toSteps(1.25), 'Wh');
console.log('0.1 + 0.2      =', String(0.1 + 0.2), '(a JS number means the decimal it prints as)');
try {
  priceTicks.toSteps(0.1 + 0.2);
} catch (e) {
  if (e instanceof WattError) console.log(`refused: ${e.code} (${e.reason ?? ''}) ${e.message}`);
}
console.log('back out       =', priceTicks.fromSteps(24505000).toString(), 'VND/kWh');
