// Sweep throughput here and through the BullMQ queue with 1, 2 and 4 local workers (docs/scale-out.md).
// Needs a build (dist/) and redis-server on the PATH. Run: npm run bench:scale-out
// Env: SCALE_SEEDS (default 1..8), SCALE_DAYS (default 7), SCALE_WORKERS (default 1,2,4).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cli = join(import.meta.dirname, '..', 'dist', 'cli.js');
const seeds = process.env.SCALE_SEEDS ?? '1..8';
const days = process.env.SCALE_DAYS ?? '7';
const workerCounts = (process.env.SCALE_WORKERS ?? '1,2,4').split(',').map(Number);
const dir = mkdtempSync(join(tmpdir(), 'wattmarket-scale-'));
const sweepArgs = ['sweep', '--scenario', 'campus', '--days', days, '--seeds', seeds, '--mechanism', 'uniform', '--quiet'];

if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status !== 0) {
  console.error('redis-server is not installed (apt-get install redis-server): the queue rows need it');
  process.exit(1);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function run(args) {
  const started = performance.now();
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`wattmarket ${args.join(' ')} failed:\n${r.stderr}`);
  return (performance.now() - started) / 1000;
}

const runsOf = (file) => JSON.stringify(JSON.parse(readFileSync(file, 'utf8')).runs);

async function startRedis() {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => {
    let log = '';
    child.stdout.on('data', (d) => {
      log += d;
      if (log.includes('Ready to accept connections')) resolve();
    });
  });
  return { url: `redis://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

const rows = [];
const reference = join(dir, 'local-1.json');
const t1 = run([...sweepArgs, '--workers', '1', '--json', reference]);
const runCount = JSON.parse(readFileSync(reference, 'utf8')).runs.length;
rows.push(['local, 1 thread (--workers 1)', t1, 'reference']);
const localAll = join(dir, 'local-all.json');
const tAll = run([...sweepArgs, '--json', localAll]);
rows.push(['local, all cores', tAll, runsOf(localAll) === runsOf(reference) ? 'same' : 'DIFFERENT']);

for (const n of workerCounts) {
  const redis = await startRedis();
  const workers = Array.from({ length: n }, () => spawn(process.execPath, [cli, 'worker', '--queue', redis.url], { stdio: 'ignore' }));
  try {
    const out = join(dir, `queue-${n}.json`);
    const t = run([...sweepArgs, '--queue', redis.url, '--json', out]);
    rows.push([`queue, ${n} worker${n === 1 ? '' : 's'}`, t, runsOf(out) === runsOf(reference) ? 'same' : 'DIFFERENT']);
  } finally {
    for (const w of workers) w.kill('SIGTERM');
    await Promise.all(workers.map((w) => new Promise((resolve) => (w.exitCode !== null ? resolve() : w.once('exit', resolve)))));
    redis.stop();
  }
}
rmSync(dir, { recursive: true, force: true });

console.log(`Sweep: campus, ${days} day(s), seeds ${seeds}, uniform (${runCount} runs); each time includes starting the sweep process; queue workers started beforehand on this machine.`);
console.log('| how | wall time | runs per second | JSON runs vs local 1 thread |');
console.log('|---|---:|---:|---|');
for (const [how, t, same] of rows) console.log(`| ${how} | ${t.toFixed(1)} s | ${(runCount / t).toFixed(2)} | ${same} |`);
