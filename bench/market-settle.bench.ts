// Settlement of one district feeder's interval through the Market (issue 16): a market made as the
// simulation makes one (journal off, participant credit, a per-kWh local fee, each day's ledger on
// the rows of the day before), 100 participants, about 86 sealed orders an interval of which a few
// trade, every participant metered by `settleSteps` (about 330 ledger legs), 96 intervals a day,
// each pruned once settled. Only the `settleSteps` calls are timed (the process's CPU time, which
// other processes on a shared machine disturb less than the wall clock).
//
// With COMPARE_SRC set to another checkout's src folder (e.g. main's), both are run in this one
// process, day by day in turn on the same input, so both see the same machine; the figure to read
// is then the median of the per-day ratios, which load on the machine hardly moves.
// Run: npm run bench:settle            (node --import tsx bench/market-settle.bench.ts)
//      COMPARE_SRC=/path/to/main/src npm run bench:settle
// SETTLE_PARTICIPANTS (default 100; the district has 1,000) participants, SETTLE_DAYS (default 10) days per run, SETTLE_RUNS (default 5) runs; the first run (compiling) is left out.
import type * as Wattmarket from '../src/index.js';
import type * as StepLegsModule from '../src/ledger/step-legs.js';

type Ledger = InstanceType<typeof Wattmarket.Ledger>;
interface Build {
  readonly name: string;
  readonly lib: typeof Wattmarket;
  readonly recycle: typeof StepLegsModule.recycleLedgerRows;
}

async function load(name: string, src: string): Promise<Build> {
  const lib = (await import(`${src}/index.ts`)) as typeof Wattmarket;
  const legs = (await import(`${src}/ledger/step-legs.ts`)) as typeof StepLegsModule;
  return { name, lib, recycle: legs.recycleLedgerRows };
}

const own = new URL('../src', import.meta.url).pathname;
const compare = process.env['COMPARE_SRC'];
const builds = [await load('this checkout', own), ...(compare === undefined ? [] : [await load(`COMPARE_SRC (${compare})`, compare)])];

const N = Number(process.env['SETTLE_PARTICIPANTS'] ?? 100);
const DAYS = Number(process.env['SETTLE_DAYS'] ?? 10);
const RUNS = Number(process.env['SETTLE_RUNS'] ?? 5);
const INTERVAL = 15 * 60_000;
const DAY = 24 * 3_600_000;
const START = Date.UTC(2025, 0, 6);
const people = Array.from({ length: N }, (_, i) => `house-${i}`);

// A fixed pseudo-random stream (xorshift32), so every run and every build settles the same input.
function stream(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x100000000;
  };
}

/** One build's run: its input stream, the last day's ledger, and what the settle calls took. */
class Run {
  readonly rnd = stream(12345);
  readonly days: { ledger: Ledger | undefined } = { ledger: undefined };
  cpu = 0;
  intervals = 0;
  legs = 0;
  trades = 0;
  hash = '';

  constructor(readonly build: Build) {}

  /** Day `d`; returns the CPU microseconds per interval of its settle calls. */
  day(d: number): number {
    const { Market, ManualClock, Ledger } = this.build.lib;
    const rnd = this.rnd;
    const cpu0 = this.cpu;
    const intervals0 = this.intervals;
    // As the simulation's dayLedger: room for a day, on the rows of the day before.
    const ledger = new Ledger({ assets: { VND: '1', kWh: '0.001' }, capacity: 400 * N });
    if (this.days.ledger !== undefined) this.build.recycle(ledger, this.days.ledger);
    this.days.ledger = ledger;
    const clock = new ManualClock(START + d * DAY - 6 * 60_000);
    const market = new Market({
      clock,
      zones: ['feeder'],
      tariff: { retailPrice: 2204, feedInPrice: 671, gridFee: { kind: 'per-kwh', price: 50 } },
      priceTick: '1',
      quantityStep: '0.001',
      currency: { code: 'VND', step: '1' },
      gateClosureMinutes: 5,
      collateral: false,
      participantCredit: true,
      journal: false,
      ledger,
    });
    for (const id of people) market.registerParticipant({ id, zone: 'feeder' });
    const pending: { start: number; readings: { participant: string; netSteps: number }[] }[] = [];
    const settleDue = (now: number): void => {
      for (let next = pending[0]; next !== undefined && next.start + INTERVAL <= now; next = pending[0]) {
        pending.shift();
        const c0 = process.cpuUsage();
        this.legs += market.settleSteps(next.start, next.readings).transfers;
        const c = process.cpuUsage(c0);
        this.cpu += c.user + c.system;
        this.intervals++;
        market.prune(next.start + INTERVAL);
      }
    };
    let orderNo = 0;
    for (let slot = 0; slot < 96; slot++) {
      const start = START + d * DAY + slot * INTERVAL;
      clock.set(start - 6 * 60_000);
      settleDue(clock.now());
      // About 86 orders: buyers mostly below sellers, a few crossing.
      for (let i = 0; i < N; i++) {
        if (rnd() < 0.14) continue;
        const sell = rnd() < 0.3;
        const price = sell ? 1300 + Math.floor(rnd() * 900) : 700 + Math.floor(rnd() * 750);
        market.submitSteps({ id: `o${orderNo++}`, participant: people[i] as string, deliveryStart: start, side: sell ? 'sell' : 'buy', priceTicks: price, quantitySteps: 100 + Math.floor(rnd() * 900) });
      }
      clock.set(start - 5 * 60_000);
      market.advanceTo(clock.now());
      this.trades += market.trades(start).length;
      pending.push({ start, readings: people.map((participant) => ({ participant, netSteps: Math.floor(rnd() * 2000) - 1200 })) });
    }
    clock.set(START + (d + 1) * DAY);
    market.advanceTo(clock.now());
    settleDue(clock.now());
    this.hash = market.stateHash();
    return (this.cpu - cpu0) / (this.intervals - intervals0);
  }
}

// Per build, CPU microseconds per interval of each day of runs 2 and later; per day, the ratio of
// each other build's figure to the first's.
const perDay: number[][] = builds.map(() => []);
const ratios: number[][] = builds.map(() => []);
let last: Run[] = [];
for (let r = 0; r < RUNS; r++) {
  const runs = builds.map((b) => new Run(b));
  for (let d = 0; d < DAYS; d++) {
    // Alternate which build goes first, so neither always follows the other's garbage.
    const order = (r + d) % 2 === 0 ? runs.map((_, i) => i) : runs.map((_, i) => runs.length - 1 - i);
    const us = new Array<number>(runs.length);
    for (const i of order) us[i] = (runs[i] as Run).day(d);
    if (r === 0) continue;
    us.forEach((u, i) => {
      (perDay[i] as number[]).push(u);
      (ratios[i] as number[]).push(u / (us[0] as number));
    });
  }
  last = runs;
}

const quantile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};
const first = last[0] as Run;
console.log(`Market.settleSteps, a district feeder: ${N} participants, ${DAYS} days of 96 intervals per run, ${RUNS} runs (Node ${process.version})`);
console.log(`${(first.legs / first.intervals).toFixed(0)} ledger legs and ${(first.trades / first.intervals).toFixed(1)} trades per interval`);
console.log('| build | CPU us per interval: best day | lower quartile | median | median of per-day ratios to this checkout | state hash |');
console.log('|---|---:|---:|---:|---:|---|');
builds.forEach((b, i) => {
  const days = perDay[i] as number[];
  console.log(`| ${b.name} | ${quantile(days, 0).toFixed(1)} | ${quantile(days, 0.25).toFixed(1)} | ${quantile(days, 0.5).toFixed(1)} | ${quantile(ratios[i] as number[], 0.5).toFixed(2)} | ${(last[i] as Run).hash} |`);
});
