import { WattError } from '../errors/watt-error.js';

/** A WattError of a layer below, reported under the public call `fn` (same code); anything else as it is. */
export function underName(fn: string, e: unknown): unknown {
  return e instanceof WattError && !e.message.startsWith(`${fn}:`) ? new WattError(e.code, `${fn}: ${e.message.replace(/^[\w.]+: /, '')}`, e.reason) : e;
}

/** Runs `f` (a ledger call) and re-words a WattError it throws as `fn`'s. */
export function rethrowAs<T>(fn: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw underName(fn, e);
  }
}
