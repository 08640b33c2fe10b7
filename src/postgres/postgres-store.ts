import pg from 'pg';
import { ErrorCode } from '../errors/error-codes.js';
import { WattError } from '../errors/watt-error.js';
import { firstDifference } from '../store/canonical-options.js';
import type { CommandStore, StoredCheckpoint, StoredRecord, StoreIdentity, StoreRecovery } from '../store/store-types.js';

/** Options of {@link openPostgresStore}. */
export interface PostgresStoreOptions {
  /** A libpq connection string or URI: `postgres://user:password@host:5432/database`. */
  connectionString: string;
  /** Which market or ledger in that database: many stores can share one database, each by name. */
  name: string;
}

/** Rows read per query during recovery: bounds memory however long the journal is. */
const PAGE = 20_000;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS wattmarket_stores (name text PRIMARY KEY, kind text NOT NULL, options text NOT NULL);
CREATE TABLE IF NOT EXISTS wattmarket_journal (name text NOT NULL, sequence bigint NOT NULL, payload text NOT NULL, PRIMARY KEY (name, sequence));
CREATE TABLE IF NOT EXISTS wattmarket_checkpoints (name text NOT NULL, sequence bigint NOT NULL, payload text NOT NULL, PRIMARY KEY (name, sequence));
`;

/**
 * Opens the store `name` in a PostgreSQL database: the same store as the file one, in tables
 * (created when missing): `wattmarket_stores` (which market or ledger, with which options),
 * `wattmarket_journal` (one row per command; the sequence number is part of the primary key, so
 * a second writer's rows collide instead of interleaving) and `wattmarket_checkpoints`. Each
 * group of commands is one INSERT, one transaction. One writer per name: the store holds a
 * session advisory lock on its name while open (released when it closes or its connection ends).
 * Needs the `pg` package (an optional peer dependency: `npm install pg`).
 * @throws WattError STORE_UNAVAILABLE when the server cannot be reached or refuses the login;
 *   STORE_LOCKED when another connection has the store open; INVALID_ARGUMENT for a bad option.
 * @example
 * ```ts
 * const store = await openPostgresStore({ connectionString: process.env.DATABASE_URL, name: 'campus' });
 * const market = await Market.open({ clock, tariff, store });
 * ```
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const fn = 'openPostgresStore';
  const o = options as Partial<PostgresStoreOptions> | null | undefined;
  if (typeof o !== 'object' || o === null) throw new WattError(ErrorCode.INVALID_ARGUMENT, `${fn}: options must be an object with connectionString and name`);
  if (typeof o.connectionString !== 'string' || o.connectionString === '') throw new WattError(ErrorCode.INVALID_ARGUMENT, `${fn}: connectionString must be a non-empty string`);
  if (typeof o.name !== 'string' || o.name === '') throw new WattError(ErrorCode.INVALID_ARGUMENT, `${fn}: name must be a non-empty string`);
  const client = new pg.Client({ connectionString: o.connectionString });
  let lost: Error | undefined;
  // A dropped connection is reported here too; without a listener it would crash the process.
  client.on('error', (e) => {
    lost = e;
  });
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    throw unavailable(fn, e);
  }
  try {
    await client.query('SELECT pg_advisory_lock(4242)');
    try {
      await client.query(SCHEMA);
    } finally {
      await client.query('SELECT pg_advisory_unlock(4242)');
    }
    const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [`wattmarket:${o.name}`]);
    if (rows[0]?.ok !== true) {
      throw new WattError(ErrorCode.STORE_LOCKED, `${fn}: the store '${o.name}' is open in another connection: close the market or ledger that has it open first`);
    }
  } catch (e) {
    await client.end().catch(() => undefined);
    throw e instanceof WattError ? e : unavailable(fn, e);
  }
  return new PostgresStore(client, o.name, () => lost);
}

function unavailable(fn: string, e: unknown): WattError {
  return new WattError(
    ErrorCode.STORE_UNAVAILABLE,
    `${fn}: cannot use the PostgreSQL server (${e instanceof Error ? e.message : String(e)}): check the connection string, that the server runs and that the user may log in and create tables`,
  );
}

/** The store {@link openPostgresStore} opens. */
export class PostgresStore implements CommandStore {
  /** See {@link CommandStore.description}. */
  readonly description: string;
  private bound = false;
  private closed = false;
  private found: StoreRecovery = { checkpointSequence: 0, lastSequence: 0, tornBytes: 0 };

  /** @internal */
  constructor(
    private readonly client: pg.Client,
    private readonly name: string,
    private readonly lost: () => Error | undefined,
  ) {
    this.description = `PostgreSQL store '${name}'`;
  }

  /** See {@link CommandStore.recovery}. */
  get recovery(): StoreRecovery {
    return this.found;
  }

  /** See {@link CommandStore.bind}. */
  async bind(identity: StoreIdentity, fn: string): Promise<void> {
    if (this.closed) throw new WattError(ErrorCode.STORE_CLOSED, `${fn}: the ${this.description} was closed: open it again with openPostgresStore`);
    if (this.bound) throw new WattError(ErrorCode.STORE_LOCKED, `${fn}: the ${this.description} is in use by another market or ledger: close that one first`);
    const { rows } = await this.query<{ kind: string; options: string }>(fn, 'SELECT kind, options FROM wattmarket_stores WHERE name = $1', [this.name]);
    const stored = rows[0];
    if (stored === undefined) {
      await this.query(fn, 'INSERT INTO wattmarket_stores (name, kind, options) VALUES ($1, $2, $3)', [this.name, identity.kind, identity.options]);
    } else if (stored.kind !== identity.kind) {
      throw new WattError(ErrorCode.STORE_MISMATCH, `${fn}: the ${this.description} holds a ${stored.kind}, not a ${identity.kind}: open it as a ${stored.kind}, or use another name`);
    } else if (stored.options !== identity.options) {
      throw new WattError(ErrorCode.STORE_MISMATCH, `${fn}: the ${this.description} was written with other options: ${firstDifference(stored.options, identity.options)}; open it with the stored options, or use another name`);
    }
    this.bound = true;
  }

  /** See {@link CommandStore.readCheckpoint}. */
  async readCheckpoint(fn: string): Promise<StoredCheckpoint | undefined> {
    const { rows } = await this.query<{ sequence: string; payload: string }>(
      fn,
      'SELECT sequence, payload FROM wattmarket_checkpoints WHERE name = $1 ORDER BY sequence DESC LIMIT 1',
      [this.name],
    );
    const row = rows[0];
    return row === undefined ? undefined : { sequence: Number(row.sequence), payload: row.payload };
  }

  /** See {@link CommandStore.readRecords}: in pages, checking that sequence numbers follow on. */
  async readRecords(after: number, visit: (sequence: number, payload: string) => void, fn: string): Promise<number> {
    let last = after;
    for (;;) {
      const { rows } = await this.query<{ sequence: string; payload: string }>(
        fn,
        'SELECT sequence, payload FROM wattmarket_journal WHERE name = $1 AND sequence > $2 ORDER BY sequence LIMIT $3',
        [this.name, last, PAGE],
      );
      for (const row of rows) {
        const sequence = Number(row.sequence);
        if (sequence !== last + 1) {
          throw new WattError(ErrorCode.STORE_CORRUPT, `${fn}: the ${this.description} is damaged: record ${sequence} follows ${last}; restore the database from a backup`);
        }
        visit(sequence, row.payload);
        last = sequence;
      }
      if (rows.length < PAGE) break;
    }
    this.found = { checkpointSequence: after, lastSequence: last, tornBytes: 0 };
    return last;
  }

  /** See {@link CommandStore.append}: one INSERT of the whole group, one transaction. */
  async append(records: readonly StoredRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.query(
      'append',
      'INSERT INTO wattmarket_journal (name, sequence, payload) SELECT $1, s, p FROM unnest($2::bigint[], $3::text[]) AS t (s, p)',
      [this.name, records.map((r) => r.sequence), records.map((r) => r.payload)],
    );
  }

  /** See {@link CommandStore.writeCheckpoint}: the new row, and the rows it makes useless removed, in one transaction. */
  async writeCheckpoint(checkpoint: StoredCheckpoint): Promise<void> {
    const fn = 'checkpoint';
    await this.query(fn, 'BEGIN');
    try {
      await this.query(fn, 'INSERT INTO wattmarket_checkpoints (name, sequence, payload) VALUES ($1, $2, $3) ON CONFLICT (name, sequence) DO UPDATE SET payload = EXCLUDED.payload', [
        this.name,
        checkpoint.sequence,
        checkpoint.payload,
      ]);
      await this.query(fn, 'DELETE FROM wattmarket_checkpoints WHERE name = $1 AND sequence < $2', [this.name, checkpoint.sequence]);
      await this.query(fn, 'DELETE FROM wattmarket_journal WHERE name = $1 AND sequence <= $2', [this.name, checkpoint.sequence]);
      await this.query(fn, 'COMMIT');
    } catch (e) {
      await this.client.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  }

  /** See {@link CommandStore.close}: ends the connection (which releases the lock). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.bound = false;
    await this.client.end().catch(() => undefined);
  }

  private async query<R extends pg.QueryResultRow = pg.QueryResultRow>(fn: string, text: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
    const lost = this.lost();
    if (lost !== undefined) throw new WattError(ErrorCode.STORE_UNAVAILABLE, `${fn}: the connection to the ${this.description} was lost (${lost.message}): reopen the store`);
    try {
      return await this.client.query<R>(text, values);
    } catch (e) {
      if (e instanceof WattError) throw e;
      const code = (e as { code?: unknown }).code;
      if (code === '23505') {
        throw new WattError(ErrorCode.STORE_LOCKED, `${fn}: another writer added records to the ${this.description} (${(e as Error).message}): only one market or ledger may write to a store; reopen it`);
      }
      throw new WattError(ErrorCode.STORE_UNAVAILABLE, `${fn}: the ${this.description} failed (${e instanceof Error ? e.message : String(e)}): check the server and reopen the store`);
    }
  }
}
