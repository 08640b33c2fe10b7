import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ErrorCode, WattError } from '../../src/index.js';
import { packRecord } from '../../src/simulation/record-transfer.js';
import type { RunRecord } from '../../src/simulation/run-record.js';
import { workerRecord, type WorkerEvents } from '../../src/simulation/worker-record.js';

class FakeWorker extends EventEmitter implements WorkerEvents {
  terminated = 0;
  terminate(): void {
    this.terminated++;
  }
}

describe('workerRecord', () => {
  it('reports progress and resolves with the record, then stops the worker', async () => {
    const w = new FakeWorker();
    const seen: number[] = [];
    const p = workerRecord(w, (d) => seen.push(d));
    const record = { marker: 1, series: Array.from({ length: 2000 }, (_, i) => i) } as unknown as RunRecord;
    w.emit('message', { kind: 'progress', done: 24 });
    w.emit('message', { kind: 'record', record: packRecord(record).message });
    w.emit('exit', 1); // terminate() ends the thread: no rejection after the record
    await expect(p).resolves.toEqual(record);
    expect(seen).toEqual([24]);
    expect(w.terminated).toBe(1);
  });

  it('rejects with the WattError the run refused its input with', async () => {
    const w = new FakeWorker();
    const p = workerRecord(w, () => undefined);
    w.emit('message', { kind: 'error', message: 'runSimulation: bad scenario', code: ErrorCode.INVALID_SCENARIO });
    const e: unknown = await p.catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WattError);
    expect((e as WattError).code).toBe(ErrorCode.INVALID_SCENARIO);
  });

  it('regression (review): a defect in the worker is not dressed up as bad input', async () => {
    const w = new FakeWorker();
    const p = workerRecord(w, () => undefined);
    w.emit('message', { kind: 'error', message: 'x is not a function' });
    const e: unknown = await p.catch((x: unknown) => x);
    expect(e).toBeInstanceOf(Error);
    expect(e).not.toBeInstanceOf(WattError);
  });

  it('regression (review): a thread that exits without a record rejects instead of hanging', async () => {
    const w = new FakeWorker();
    const p = workerRecord(w, () => undefined);
    w.emit('message', { kind: 'progress', done: 24 });
    w.emit('exit', 137);
    await expect(p).rejects.toThrow(/exited \(code 137\) before sending its result/);
  });
});
