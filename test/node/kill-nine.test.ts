import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Market } from '../../src/index.js';
import { openFileStore } from '../../src/node.js';
import { LONG } from '../helpers/expect-watt-error.js';
import { streamClock, streamOptions, streamStep } from '../helpers/market-stream.js';

const SOURCE = join(import.meta.dirname, '..', 'fixtures', 'crash-child.ts');
const KILLS = LONG ? 500 : 20;
const root = mkdtempSync(join(tmpdir(), 'wm-kill-'));
const CHILD = join(root, 'crash-child.mjs');
// The child is bundled once (esbuild, which tsx and tsup use too), so each of the many child
// processes starts in tens of milliseconds instead of compiling TypeScript again.
beforeAll(async () => {
  await build({ entryPoints: [SOURCE], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: CHILD, logLevel: 'error' });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Runs the child on `dir` and kills it with SIGKILL `delayMs` after it is ready; returns the last acknowledged sequence. */
function runAndKill(dir: string, seed: number, delayMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, dir, String(seed)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let acked = 0;
    let buffer = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line === 'ready') timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
        else if (line.startsWith('ack ')) acked = Math.max(acked, Number(line.slice(4)));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') resolve(acked);
      else reject(new Error(`the child exited by itself (code ${code}): ${stderr}`));
    });
  });
}

describe(`kill -9 in the middle of a stream of market commands (${KILLS} kills)`, () => {
  it('loses no acknowledged command, recovers the hash an in-memory market had at that sequence, and goes on', async () => {
    let totalAcked = 0;
    for (let k = 0; k < KILLS; k++) {
      const seed = 1000 + k;
      const dir = join(root, `run-${k}`);
      // A pseudo-random instant: 5 to 400 ms into the stream.
      const delay = 5 + ((k * 7919) % 395);
      const acked = await runAndKill(dir, seed, delay);
      totalAcked += acked;
      // The dead child's lock is stale: this open takes it over.
      const clock = streamClock();
      const store = await openFileStore(dir);
      const recovered = await Market.open({ ...streamOptions(clock), store });
      expect(recovered.sequence, `run ${k}`).toBeGreaterThanOrEqual(acked);
      // The in-memory market through the same stream, up to the recovered sequence.
      const refClock = streamClock();
      const reference = new Market(streamOptions(refClock));
      let i = 0;
      while (reference.sequence < recovered.sequence) streamStep(reference, refClock, seed, i++);
      expect(reference.sequence).toBe(recovered.sequence);
      expect(recovered.stateHash(), `run ${k} at sequence ${recovered.sequence}`).toBe(reference.stateHash());
      // It goes on working: the next commands of the stream give the same states.
      for (let j = 0; j < 40; j++, i++) expect(streamStep(recovered, clock, seed, i)).toBe(streamStep(reference, refClock, seed, i));
      expect(recovered.stateHash()).toBe(reference.stateHash());
      await recovered.close();
      rmSync(dir, { recursive: true, force: true });
    }
    // The kills did land after acknowledged commands, not only before the first one.
    expect(totalAcked).toBeGreaterThan(KILLS);
  }, LONG ? 3_600_000 : 180_000);
});
