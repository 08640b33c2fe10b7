import type { StoreFs } from '../../src/node.js';

interface SimFile {
  /** Bytes a crash keeps for sure (synced). */
  durable: Uint8Array;
  /** Bytes appended since the last sync: a crash keeps a prefix of them, maybe none. */
  pending: Uint8Array;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * A simulated disk for the file store (TigerBeetle's VOPR idea): file data written but not synced
 * is lost or cut short by {@link SimFs.crash}, and {@link SimFs.flip} damages a byte. Directory
 * operations (create, rename, remove) take effect at once, as on a journalling file system once
 * the directory is synced (the store syncs it after each of them).
 */
export class SimFs implements StoreFs {
  readonly files = new Map<string, SimFile>();
  /** Process ids that run (for lock files). */
  readonly alive = new Set<number>();
  /** When set, the next append or sync throws it (an I/O error). */
  failNext: Error | undefined;

  mkdir(): Promise<void> {
    return Promise.resolve();
  }
  list(dir: string): Promise<string[]> {
    const prefix = `${dir}/`;
    return Promise.resolve([...this.files.keys()].filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length)));
  }
  read(path: string): Promise<Uint8Array> {
    const f = this.files.get(path);
    if (f === undefined) return Promise.reject(Object.assign(new Error(`ENOENT ${path}`), { code: 'ENOENT' }));
    return Promise.resolve(concat(f.durable, f.pending));
  }
  append(path: string, data: Uint8Array): Promise<void> {
    if (this.failNext !== undefined) return Promise.reject(this.failNext);
    const f = this.files.get(path) ?? { durable: new Uint8Array(), pending: new Uint8Array() };
    f.pending = concat(f.pending, data);
    this.files.set(path, f);
    return Promise.resolve();
  }
  sync(path: string): Promise<void> {
    if (this.failNext !== undefined) return Promise.reject(this.failNext);
    const f = this.files.get(path);
    if (f !== undefined) {
      f.durable = concat(f.durable, f.pending);
      f.pending = new Uint8Array();
    }
    return Promise.resolve();
  }
  syncDir(): Promise<void> {
    return Promise.resolve();
  }
  truncate(path: string, length: number): Promise<void> {
    const f = this.files.get(path);
    if (f !== undefined) {
      const all = concat(f.durable, f.pending).slice(0, length);
      f.durable = all.slice(0, Math.min(length, f.durable.length));
      f.pending = all.slice(f.durable.length);
    }
    return Promise.resolve();
  }
  rename(from: string, to: string): Promise<void> {
    const f = this.files.get(from);
    if (f !== undefined) {
      this.files.delete(from);
      this.files.set(to, f);
    }
    return Promise.resolve();
  }
  remove(path: string): Promise<void> {
    this.files.delete(path);
    return Promise.resolve();
  }
  createExclusive(path: string, data: Uint8Array): Promise<boolean> {
    if (this.files.has(path)) return Promise.resolve(false);
    this.files.set(path, { durable: data, pending: new Uint8Array() });
    return Promise.resolve(true);
  }
  processAlive(pid: number): boolean {
    return this.alive.has(pid);
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
  join(dir: string, name: string): string {
    return `${dir}/${name}`;
  }

  /**
   * The disk as a new process finds it after a crash (see {@link SimFs.crash}), as a separate
   * object: writes the dead process still had in flight go to the old one, not to this.
   */
  afterCrash(keep: (pendingBytes: number) => number): SimFs {
    const next = new SimFs();
    for (const [path, f] of this.files) next.files.set(path, { durable: f.durable.slice(), pending: f.pending.slice() });
    next.crash(keep);
    return next;
  }

  /**
   * A crash: every file keeps its synced bytes and the first `keep(pending.length)` of its
   * unsynced ones (0: all lost; a middle value: the last write cut short).
   */
  crash(keep: (pendingBytes: number) => number): void {
    for (const f of this.files.values()) {
      f.durable = concat(f.durable, f.pending.slice(0, keep(f.pending.length)));
      f.pending = new Uint8Array();
    }
    this.alive.clear();
    // The process died: the next one has another id, so the lock it left is stale.
    for (const p of [...this.files.keys()]) if (p.endsWith('/LOCK')) this.files.delete(p);
  }

  /** Flips bits of one byte of a file (XOR with a non-zero mask). */
  flip(path: string, at: number, mask: number): void {
    const f = this.files.get(path);
    if (f === undefined || f.durable.length === 0) return;
    const i = at % f.durable.length;
    f.durable[i] = (f.durable[i] as number) ^ (mask & 0xff || 1);
  }
}
