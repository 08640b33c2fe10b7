// Posting a settlement's legs alone (issue 16, docs/simulation.md "Sixth round"): postStepLegs on
// its column path, as a district simulation settles: 1,000 accounts, batches of 3,300 legs between
// random accounts, 96 batches a day, each day's ledger on the last one's rows (recycleLedgerRows),
// so the rows are written into memory the process touched a day ago. Reports the CPU time per
// batch (building the legs included) per day, leaving out the first two days.
//
// With COMPARE_SRC set to another checkout's src folder (e.g. main's), both are run in this one
// process, day by day in turn on the same legs; the figure to read is then the median of the
// per-day ratios, which load on a shared machine hardly moves.
// Run: node --import tsx bench/post-step-legs.bench.ts
//      COMPARE_SRC=/path/to/main/src node --import tsx bench/post-step-legs.bench.ts
// POST_DAYS (default 12) days per build.
import { cpuUsage } from 'node:process';
import type * as Wattmarket from '../src/index.js';
import type * as StepLegsModule from '../src/ledger/step-legs.js';

type Ledger = InstanceType<typeof Wattmarket.Ledger>;
interface Build {
  readonly name: string;
  readonly lib: typeof Wattmarket;
  readonly legs: typeof StepLegsModule;
  old: Ledger | undefined;
  readonly cpu: number[];
}

async function load(name: string, src: string): Promise<Build> {
  const lib = (await import(`${src}/index.ts`)) as typeof Wattmarket;
  const legs = (await import(`${src}/ledger/step-legs.ts`)) as typeof StepLegsModule;
  return { name, lib, legs, old: undefined, cpu: [] };
}

const own = new URL('../src', import.meta.url).pathname;
const compare = process.env['COMPARE_SRC'];
const builds = [await load('this checkout', own), ...(compare === undefined ? [] : [await load(`COMPARE_SRC (${compare})`, compare)])];

const ACCOUNTS = 1000;
const LEGS = 3300;
const BATCHES = 96;
const DAYS = Number(process.env['POST_DAYS'] ?? 12);
const WARM = 2;

/** One day of `b`: a ledger on the last day's rows, 96 batches posted; CPU us per batch. */
function day(b: Build, d: number): number {
  const ledger = new b.lib.Ledger({ assets: { VND: '1' } });
  if (b.old !== undefined) b.legs.recycleLedgerRows(ledger, b.old, BATCHES * LEGS);
  for (let i = 0; i < ACCOUNTS; i++) ledger.openAccount({ id: `a${i}`, asset: 'VND', allowNegative: true });
  const legs = new b.legs.StepLegs(LEGS);
  let x = 12345; // the same legs for every build and day (a linear congruential stream)
  const t0 = cpuUsage();
  for (let k = 0; k < BATCHES; k++) {
    legs.clear();
    for (let i = 0; i < LEGS; i++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      const from = x % ACCOUNTS;
      legs.push(from, (from + 1 + ((x >> 10) % (ACCOUNTS - 1))) % ACCOUNTS, 1 + (x % 5000));
    }
    b.legs.postStepLegs(ledger, legs, `d${d}/i${k}`, 'bench');
  }
  const c = cpuUsage(t0);
  b.old = ledger;
  return (c.user + c.system) / BATCHES;
}

// The builds take turns going first (odd days the other way round), so that whatever the first
// run of a day pays (collection of the last one's garbage, a cold cache) falls on each alike.
for (let d = 0; d < DAYS; d++) for (const b of d % 2 === 0 ? builds : [...builds].reverse()) b.cpu.push(day(b, d));

const median = (a: readonly number[]): number => [...a].sort((u, v) => u - v)[a.length >> 1] as number;
const first = builds[0] as Build;
console.log(`postStepLegs, ${LEGS} legs a batch between ${ACCOUNTS} accounts, ${BATCHES} batches a day, ${DAYS - WARM} days timed (Node ${process.version})`);
console.log('| build | CPU us per batch: fastest day | median | median of per-day ratios to this checkout |');
console.log('|---|---:|---:|---:|');
for (const b of builds) {
  const timed = b.cpu.slice(WARM);
  const ratios = timed.map((c, k) => c / (first.cpu[k + WARM] as number));
  console.log(`| ${b.name} | ${Math.min(...timed).toFixed(0)} | ${median(timed).toFixed(0)} | ${median(ratios).toFixed(3)} |`);
}
