// Durable throughput and recovery through the built package: ledger transfers made durable
// through each store (flush after every command, after groups of 64 and of 1,024), printed
// beside the in-memory rate measured in the same run; then the recovery time of a journal of
// 1,000,000 commands in the file store, without and with a checkpoint.
// PostgreSQL: a throwaway cluster is started when /usr/lib/postgresql/*/bin exists (as the tests
// do), or set WATTMARKET_PG_URL to use a server of your own.
// Run: npm run bench:store   (RECOVERY_COMMANDS=100000 for a shorter run)
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ledger, MemoryStore } from 'wattmarket';
import { openFileStore } from 'wattmarket/node';

const RECOVERY = Number(process.env.RECOVERY_COMMANDS ?? 1_000_000);
const SECONDS = Number(process.env.STORE_BENCH_SECONDS ?? 2);
const GROUPS = [1, 64, 1024];
const assets = { VND: '1' };
const root = mkdtempSync(join(tmpdir(), 'wm-bench-store-'));

function setUp(ledger) {
  ledger.openAccount({ id: 'bank', asset: 'VND', allowNegative: true });
  ledger.openAccount({ id: 'a', asset: 'VND' });
}
let serial = 0;
const command = (ledger) => ledger.transfer({ id: `t${serial++}`, from: 'bank', to: 'a', amount: 1 + (serial % 100) });

/** Commands per second with a flush after every `group` commands, for about SECONDS seconds. */
async function rate(ledger, group) {
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < SECONDS * 1000) {
    for (let i = 0; i < group; i++) command(ledger);
    n += group;
    await ledger.flush();
  }
  return n / ((performance.now() - start) / 1000);
}

async function inMemoryRate() {
  const ledger = new Ledger({ assets });
  setUp(ledger);
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < SECONDS * 1000) {
    for (let i = 0; i < 1024; i++) command(ledger);
    n += 1024;
  }
  return n / ((performance.now() - start) / 1000);
}

async function startCluster() {
  if (process.env.WATTMARKET_PG_URL) return { url: process.env.WATTMARKET_PG_URL, stop() {} };
  const base = '/usr/lib/postgresql';
  const version = existsSync(base) ? readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'initdb'))).sort((a, b) => b - a)[0] : undefined;
  if (version === undefined) return undefined;
  const bin = join(base, version, 'bin');
  const dir = mkdtempSync(join(tmpdir(), 'wm-bench-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'])), Number(execFileSync('id', ['-g', 'postgres'])));
  const run = (tool, args) => execFileSync(asRoot ? 'runuser' : join(bin, tool), asRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args, { stdio: 'pipe' });
  const port = await new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
  run('initdb', ['-D', join(dir, 'data'), '-U', 'wm', '--auth=trust', '--no-locale']);
  run('pg_ctl', ['-D', join(dir, 'data'), '-w', '-l', join(dir, 'log'), '-o', `-p ${port} -h 127.0.0.1 -k ${dir}`, 'start']);
  return {
    url: `postgres://wm@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run('pg_ctl', ['-D', join(dir, 'data'), '-w', '-m', 'fast', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

const fmt = (x) => Math.round(x).toLocaleString('en-US');
const rows = [];
const memory = await inMemoryRate();
console.log(`in memory (no store):            ${fmt(memory)} commands/s`);

async function measure(label, makeStore) {
  for (const group of GROUPS) {
    const ledger = await Ledger.open({ assets, store: await makeStore() });
    setUp(ledger);
    await ledger.flush();
    const r = await rate(ledger, group);
    await ledger.close();
    rows.push({ label, group, r });
    console.log(`${label.padEnd(12)} flush every ${String(group).padStart(4)}: ${fmt(r).padStart(10)} durable commands/s  (${(r / memory).toFixed(3)} of in-memory)`);
  }
}

await measure('memory store', () => new MemoryStore());
let fileRun = 0;
await measure('file store', () => openFileStore(join(root, `rate-${fileRun++}`)));
const cluster = await startCluster().catch((e) => {
  console.log(`postgres: could not start a cluster (${e.message})`);
  return undefined;
});
if (cluster === undefined) console.log('postgres store: SKIPPED (no PostgreSQL installed; set WATTMARKET_PG_URL to use a server)');
else {
  try {
    const { openPostgresStore } = await import('wattmarket/postgres');
    let pgRun = 0;
    await measure('postgres', () => openPostgresStore({ connectionString: cluster.url, name: `rate-${pgRun++}` }));
  } finally {
    cluster.stop();
  }
}

// Recovery of a long journal.
const dir = join(root, 'recovery');
{
  const ledger = await Ledger.open({ assets, store: await openFileStore(dir) });
  setUp(ledger);
  const start = performance.now();
  for (let i = 0; i < RECOVERY - 2; i++) {
    command(ledger);
    if (i % 4096 === 4095) await ledger.flush();
  }
  await ledger.close();
  console.log(`wrote ${fmt(RECOVERY)} commands in ${((performance.now() - start) / 1000).toFixed(1)} s`);
}
for (const withCheckpoint of [false, true]) {
  if (withCheckpoint) {
    const ledger = await Ledger.open({ assets, store: await openFileStore(dir) });
    await ledger.checkpoint();
    await ledger.close();
  }
  const start = performance.now();
  const ledger = await Ledger.open({ assets, store: await openFileStore(dir) });
  const seconds = (performance.now() - start) / 1000;
  console.log(`recovery of ${fmt(ledger.sequence)} commands ${withCheckpoint ? 'from a checkpoint' : 'from the journal alone'}: ${seconds.toFixed(2)} s (target < 10 s)`);
  await ledger.close();
}
rmSync(root, { recursive: true, force: true });
const file1024 = rows.find((r) => r.label === 'file store' && r.group === 1024);
console.log(`file store, groups of 1,024: ${fmt(file1024.r)} durable commands/s (target >= 50,000)`);
