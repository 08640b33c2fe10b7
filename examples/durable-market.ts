// A market that survives a restart: it journals every command to a file store, tells its users
// "done" only once flush() has resolved, checkpoints, closes, and is opened again from the same
// directory with exactly the same state. Run it twice to see the second run pick up the first's
// market (pass a directory to keep it; by default a temporary one is used and removed).
// Run: npx tsx examples/durable-market.ts [directory]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock, Market } from '../src/index.js';
import { openFileStore } from '../src/node.js';

const directory = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'wattmarket-durable-'));
const day = Date.UTC(2025, 3, 7);
const clock = new ManualClock(day - 60 * 60_000);
const options = { clock, tariff: { retailPrice: 2204, feedInPrice: 671 }, priceTick: 1, mode: 'continuous' as const };

// Opens the market the directory holds (a new one the first time).
const market = await Market.open({ ...options, store: await openFileStore(directory) });
console.log(`opened ${directory} at sequence ${market.sequence}`);

if (market.participants().length === 0) {
  market.registerParticipant({ id: 'rooftop' });
  market.registerParticipant({ id: 'ev-hub' });
  market.deposit({ id: 'init-ev-hub', participant: 'ev-hub', amount: 1_000_000 });
}
const n = market.sequence;
market.submit({ id: `sell-${n}`, participant: 'rooftop', deliveryStart: day + 2 * 3_600_000, side: 'sell', price: 1500, quantity: '2.5' });
const result = market.submit({ id: `buy-${n}`, participant: 'ev-hub', deliveryStart: day + 2 * 3_600_000, side: 'buy', price: 1600, quantity: '1.0' });
// The commands above are accepted and applied, but only queued for the disk: a crash now could
// lose them. Await flush() before telling anyone they happened.
await market.flush();
console.log(`order ${result.orderId}: ${result.status}; durable up to sequence ${market.sequence}`);

await market.checkpoint(); // recovery starts here next time, instead of from the first command
const hash = market.stateHash();
await market.close();

// A restart: the same directory, any clock (recovery reads none).
const again = await Market.open({ ...options, clock: new ManualClock(day), store: await openFileStore(directory) });
console.log(`reopened at sequence ${again.sequence}; same state: ${again.stateHash() === hash}`);
await again.close();
if (process.argv[2] === undefined) rmSync(directory, { recursive: true, force: true });
