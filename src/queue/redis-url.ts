import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';

/** A Redis server's address, as BullMQ (ioredis) takes it. */
export interface RedisConnection {
  /** Host name or address. */
  readonly host: string;
  /** TCP port. */
  readonly port: number;
  /** Password, from the URL's user info. */
  readonly password?: string;
  /** Database number, from the URL's path. */
  readonly db?: number;
  /** TLS for `rediss://`. */
  readonly tls?: Record<string, never>;
}

/**
 * `redis://[:PASSWORD@]HOST[:PORT][/DB]` (or `rediss://` for TLS) as connection options.
 * @throws WattError INVALID_OPTION for anything else.
 */
export function parseRedisUrl(url: string, fn: string): RedisConnection {
  let u: URL | undefined;
  try {
    u = new URL(url);
  } catch {
    u = undefined;
  }
  if (u === undefined || (u.protocol !== 'redis:' && u.protocol !== 'rediss:') || u.hostname === '') {
    return fail(ErrorCode.INVALID_OPTION, fn, `the queue must be a URL redis://HOST:PORT; got ${JSON.stringify(url)}`);
  }
  const port = u.port === '' ? 6379 : Number(u.port);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : undefined;
  if (db !== undefined && !Number.isInteger(db)) fail(ErrorCode.INVALID_OPTION, fn, `the database in ${JSON.stringify(url)} must be a number`);
  return {
    host: u.hostname,
    port,
    ...(u.password === '' ? {} : { password: decodeURIComponent(u.password) }),
    ...(db === undefined ? {} : { db }),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/** The queue's default name: sweeps and workers meet on it unless both name another. */
export const DEFAULT_QUEUE_NAME = 'wattmarket-sweep';
