import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throwaway PostgreSQL cluster in a temporary directory, on a free 127.0.0.1 port. */
export interface PostgresServer {
  readonly connectionString: string;
  /** Stops the server the hard way (as a crash would: no checkpoint), then starts it again. */
  crashRestart(): void;
  /** Stops the server and removes its directory. */
  stop(): void;
}

/** The directory of the newest installed PostgreSQL's binaries, or undefined. */
function findBin(): string | undefined {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(base, versions[0], 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/**
 * Starts a cluster (initdb, then pg_ctl start). As root, initdb refuses to run: the cluster then
 * belongs to the `postgres` user and the binaries run through `runuser`. Without PostgreSQL
 * installed it throws when `CI` is set, and otherwise returns undefined after saying loudly which
 * suite is skipped.
 */
export async function startPostgres(suite: string): Promise<PostgresServer | undefined> {
  const bin = findBin();
  if (bin === undefined) {
    const message = `PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): suite '${suite}' cannot run. Install it with: apt-get install -y postgresql (scripts/install-test-services.sh does this as root)`;
    if (process.env['CI'] !== undefined) throw new Error(message);
    console.warn(`\n*** SKIPPED: ${message} ***\n`);
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'wm-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const run = (tool: string, args: string[]): void => {
    const command = asRoot ? 'runuser' : join(bin, tool);
    const argv = asRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args;
    execFileSync(command, argv, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  };
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const port = await freePort();
  const start = (): void => run('pg_ctl', ['-D', data, '-w', '-t', '60', '-l', join(dir, 'log'), '-o', `-p ${port} -h 127.0.0.1 -k ${dir}`, 'start']);
  const stopWith = (mode: string): void => run('pg_ctl', ['-D', data, '-w', '-m', mode, 'stop']);
  try {
    run('initdb', ['-D', data, '-U', 'wm', '--auth=trust', '-E', 'UTF8', '--no-locale']);
    start();
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  let stopped = false;
  return {
    connectionString: `postgres://wm@127.0.0.1:${port}/postgres`,
    crashRestart() {
      stopWith('immediate');
      start();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        stopWith('fast');
      } catch {
        // already stopped
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
