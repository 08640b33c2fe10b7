import { WattError } from '../errors/watt-error.js';

/**
 * What a command reports for a failure that is the user's to mend: a WattError's message and code,
 * or a file system error's message (it names the path, e.g. `EACCES: permission denied, open
 * 'out/r.html'`); undefined for anything else (a defect, which keeps its stack trace).
 */
export function commandFailure(e: unknown): string | undefined {
  if (e instanceof WattError) return `${e.message} (${e.code})`;
  if (e instanceof Error && typeof (e as { code?: unknown }).code === 'string' && typeof (e as { syscall?: unknown }).syscall === 'string') return e.message;
  return undefined;
}
