// Clears a day of local markets on every core: ten feeders that do not trade with each other are
// independent markets, so each worker thread runs a Market (and its Ledger) for its share of the
// feeders, and the main thread merges the outcomes. The same feeders run on one thread too, and the
// outcomes are compared: partitioning changes nothing.
// Run: npx tsx examples/market-workers.ts
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { createRandom, ManualClock, Market } from '../src/index.js';

const MIN = 60_000;
const Q = 15 * MIN;
const DAY = Date.UTC(2025, 3, 7);
const FEEDERS = Array.from({ length: 10 }, (_, i) => `feeder-${i + 1}`);
const PER_FEEDER = 200;

/** One feeder's day: its outcome in a form that can cross threads. */
interface FeederDay {
  feeder: string;
  trades: number;
  tradedKWh: string;
  stateHash: string;
}

/** Runs a day of call auctions for some feeders, each feeder its own market and ledger. */
function clearFeeders(feeders: readonly string[]): FeederDay[] {
  return feeders.map((feeder) => {
    const clock = new ManualClock(DAY - 10 * MIN);
    const market = new Market({ clock, zones: [feeder], tariff: { retailPrice: 2204, feedInPrice: 671 }, priceTick: 1, collateral: false, participantCredit: true, journal: false });
    // Each feeder draws from its own stream, so the split over threads cannot change what it draws.
    const rng = createRandom(`market-workers/${feeder}`);
    const people = Array.from({ length: PER_FEEDER }, (_, i) => `${feeder}/p${i}`);
    for (const id of people) market.registerParticipant({ id, zone: feeder });
    for (let k = 0; k < 96; k++) {
      for (const [i, id] of people.entries()) {
        const sell = i % 5 < 2;
        market.submit({ id: `${id}/${k}`, participant: id, deliveryStart: DAY + k * Q, side: sell ? 'sell' : 'buy', price: sell ? rng.nextInt(671, 1500) : rng.nextInt(1200, 2204), quantity: rng.nextInt(1, 2000) / 1000 });
      }
    }
    clock.set(DAY + 96 * Q);
    market.advanceTo(clock.now());
    let trades = 0;
    let wh = 0;
    for (let k = 0; k < 96; k++) {
      for (const t of market.trades(DAY + k * Q)) {
        trades++;
        wh += t.quantity.mul(1000).toNumber();
      }
    }
    return { feeder, trades, tradedKWh: (wh / 1000).toFixed(3), stateHash: market.stateHash() };
  });
}

if (isMainThread) {
  const cores = availableParallelism();
  const shares = Array.from({ length: cores }, (_, i) => FEEDERS.filter((_, j) => j % cores === i)).filter((s) => s.length > 0);
  let t = performance.now();
  const parts = await Promise.all(
    shares.map(
      (feeders) =>
        new Promise<FeederDay[]>((resolve, reject) => {
          // The worker is this file; under tsx it registers tsx's hooks before loading it.
          const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); });`;
          const worker = new Worker(boot, { eval: true, workerData: feeders });
          worker.once('message', resolve);
          worker.once('error', reject);
        }),
    ),
  );
  const parallelMs = performance.now() - t;
  const parallel = parts.flat().sort((a, b) => FEEDERS.indexOf(a.feeder) - FEEDERS.indexOf(b.feeder));
  t = performance.now();
  const single = clearFeeders(FEEDERS);
  const singleMs = performance.now() - t;
  console.log(`${FEEDERS.length} feeders x ${PER_FEEDER} participants x 96 intervals = ${(FEEDERS.length * PER_FEEDER * 96).toLocaleString('en')} orders`);
  for (const f of parallel) console.log(`  ${f.feeder.padEnd(10)} ${String(f.trades).padStart(6)} trades  ${f.tradedKWh.padStart(10)} kWh  state ${f.stateHash}`);
  const same = JSON.stringify(parallel) === JSON.stringify(single);
  console.log(`${shares.length} worker thread(s): ${(parallelMs / 1000).toFixed(2)} s (under tsx this includes each worker compiling the TypeScript sources); one thread: ${(singleMs / 1000).toFixed(2)} s; identical outcomes: ${same}`);
  if (!same) process.exitCode = 1;
} else {
  parentPort?.postMessage(clearFeeders(workerData as string[]));
}
