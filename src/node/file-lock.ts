import { ErrorCode } from '../errors/error-codes.js';
import { WattError } from '../errors/watt-error.js';
import type { StoreFs } from './store-fs.js';

/**
 * Takes the store's lock file (created with O_EXCL, holding this process id). A lock whose
 * process no longer runs is stale (its writer died without closing): it is removed and taken
 * over, once. A lock of a running process, or of this one, refuses the open.
 * @throws WattError STORE_LOCKED.
 */
export async function takeLock(fs: StoreFs, path: string, fn: string, directory: string): Promise<void> {
  const content = new TextEncoder().encode(`${process.pid}\n`);
  for (let attempt = 0; attempt < 2; attempt++) {
    if (await fs.createExclusive(path, content)) return;
    let text: string;
    try {
      text = new TextDecoder().decode(await fs.read(path)).trim();
    } catch {
      continue; // removed meanwhile: try again
    }
    const pid = Number(text);
    const valid = /^\d+$/.test(text) && pid > 0;
    if (valid && (pid === process.pid || fs.processAlive(pid))) {
      throw new WattError(
        ErrorCode.STORE_LOCKED,
        `${fn}: the store at '${directory}' is in use by process ${pid}${pid === process.pid ? ' (this one)' : ''}: close the market or ledger that has it open; if no such process runs, delete ${path}`,
      );
    }
    if (!valid && attempt === 0) {
      // A lock file being written right now (or an empty one left by a crash): look once more.
      await new Promise((r) => setTimeout(r, 50));
      text = new TextDecoder().decode(await fs.read(path).catch(() => new Uint8Array())).trim();
      if (/^\d+$/.test(text) && fs.processAlive(Number(text))) continue;
    }
    await fs.remove(path);
  }
  throw new WattError(ErrorCode.STORE_LOCKED, `${fn}: could not take the lock ${path}: another process keeps taking it; stop it and try again`);
}
