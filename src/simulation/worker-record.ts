import type { ErrorCode as Code } from '../errors/error-codes.js';
import { ErrorCode } from '../errors/error-codes.js';
import { WattError } from '../errors/watt-error.js';
import { unpackRecord, type PackedRecord } from './record-transfer.js';
import type { RunRecord } from './run-record.js';

/** What a simulation worker posts: progress, its record, or the error that stopped it. */
export type WorkerMessage = { kind: 'progress'; done: number } | { kind: 'record'; record: PackedRecord } | { kind: 'error'; message: string; code?: unknown };

/** The events of a worker thread this module listens to (a `Worker`, or a stand-in in tests). */
export interface WorkerEvents {
  on(event: 'message', listener: (m: WorkerMessage) => void): unknown;
  on(event: 'error', listener: (e: Error) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  terminate(): unknown;
}

const CODES: ReadonlySet<unknown> = new Set(Object.values(ErrorCode));

/**
 * The record a worker sends, as a promise. It rejects with the worker's WattError (same code and
 * message) when the run refused its input, with a plain Error for anything else the worker threw
 * (a defect, not bad input), and with an Error when the thread ends without sending a record
 * (killed, out of memory, `process.exit`), so a caller never waits for ever.
 */
export function workerRecord(worker: WorkerEvents, onProgress: (done: number) => void): Promise<RunRecord> {
  return new Promise<RunRecord>((resolve, reject) => {
    worker.on('message', (m) => {
      if (m.kind === 'progress') {
        onProgress(m.done);
      } else if (m.kind === 'record') {
        resolve(unpackRecord(m.record));
        void worker.terminate();
      } else {
        reject(CODES.has(m.code) ? new WattError(m.code as Code, m.message) : new Error(m.message));
        void worker.terminate();
      }
    });
    worker.on('error', reject);
    // After a record or an error this rejection is a no-op: a promise settles once.
    worker.on('exit', (code) => {
      reject(new Error(`runSimulationParallel: a worker thread exited (code ${String(code)}) before sending its result`));
    });
  });
}
