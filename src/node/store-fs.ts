import { constants } from 'node:fs';
import { open, mkdir, readdir, readFile, rename, rm, truncate, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The few file-system operations the file store uses, so that tests can run it over a simulated
 * disk that loses unsynced writes, tears the last one or flips bits. Paths are joined by the
 * store with `/`-free names inside one directory.
 */
export interface StoreFs {
  /** Creates the directory and its parents when missing. */
  mkdir(dir: string): Promise<void>;
  /** The names of the entries in `dir`. */
  list(dir: string): Promise<string[]>;
  /** A whole file's bytes. */
  read(path: string): Promise<Uint8Array>;
  /** Appends to a file, creating it when missing; durable only after {@link StoreFs.sync}. */
  append(path: string, data: Uint8Array): Promise<void>;
  /** Makes a file's data durable (fsync). */
  sync(path: string): Promise<void>;
  /** Makes a directory's entries (new, renamed and removed names) durable. */
  syncDir(dir: string): Promise<void>;
  /** Cuts a file to `length` bytes. */
  truncate(path: string, length: number): Promise<void>;
  /** Renames a file, replacing `to` atomically. */
  rename(from: string, to: string): Promise<void>;
  /** Removes a file (no error when missing). */
  remove(path: string): Promise<void>;
  /** Creates a file with `data` only when no file has that name (O_EXCL); false when one does. */
  createExclusive(path: string, data: Uint8Array): Promise<boolean>;
  /** Whether a process with this id runs on this machine (for stale lock files). */
  processAlive(pid: number): boolean;
  /** Closes any file handles it keeps open. */
  close(): Promise<void>;
  /** Joins a directory and a name. */
  join(dir: string, name: string): string;
}

/** The real file system, keeping the append handle of each file open between writes. */
export class NodeStoreFs implements StoreFs {
  private readonly handles = new Map<string, FileHandle>();

  /** See {@link StoreFs.mkdir}. */
  async mkdir(dir: string): Promise<void> {
    await mkdir(dir, { recursive: true });
  }

  /** See {@link StoreFs.list}. */
  list(dir: string): Promise<string[]> {
    return readdir(dir);
  }

  /** See {@link StoreFs.read}. */
  async read(path: string): Promise<Uint8Array> {
    // A view of the Buffer, not a copy: a checkpoint or segment is tens of megabytes, and
    // copying it cost as much as reading it.
    const data = await readFile(path);
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  }

  /** See {@link StoreFs.append}. */
  async append(path: string, data: Uint8Array): Promise<void> {
    let h = this.handles.get(path);
    if (h === undefined) {
      h = await open(path, 'a');
      this.handles.set(path, h);
    }
    let at = 0;
    while (at < data.length) at += (await h.write(data, at, data.length - at)).bytesWritten;
  }

  /** See {@link StoreFs.sync}. */
  async sync(path: string): Promise<void> {
    const h = this.handles.get(path);
    if (h !== undefined) {
      await h.datasync();
      return;
    }
    const f = await open(path, 'r');
    try {
      await f.sync();
    } finally {
      await f.close();
    }
  }

  /** See {@link StoreFs.syncDir}. */
  async syncDir(dir: string): Promise<void> {
    const f = await open(dir, constants.O_RDONLY);
    try {
      await f.sync();
    } finally {
      await f.close();
    }
  }

  /** See {@link StoreFs.truncate}. */
  async truncate(path: string, length: number): Promise<void> {
    await this.closeHandle(path);
    await truncate(path, length);
  }

  /** See {@link StoreFs.rename}. */
  async rename(from: string, to: string): Promise<void> {
    await this.closeHandle(from);
    await rename(from, to);
  }

  /** See {@link StoreFs.remove}. */
  async remove(path: string): Promise<void> {
    await this.closeHandle(path);
    await rm(path, { force: true });
  }

  /** See {@link StoreFs.createExclusive}. */
  async createExclusive(path: string, data: Uint8Array): Promise<boolean> {
    let f: FileHandle;
    try {
      f = await open(path, 'wx');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e;
    }
    try {
      await f.write(data);
      await f.sync();
    } finally {
      await f.close();
    }
    return true;
  }

  /** See {@link StoreFs.processAlive}. */
  processAlive(pid: number): boolean {
    try {
      process.kill(pid, 0);
      return true;
    } catch (e) {
      // EPERM: it runs, as another user.
      return (e as NodeJS.ErrnoException).code === 'EPERM';
    }
  }

  /** See {@link StoreFs.close}. */
  async close(): Promise<void> {
    for (const path of [...this.handles.keys()]) await this.closeHandle(path);
  }

  /** See {@link StoreFs.join}. */
  join(dir: string, name: string): string {
    return join(dir, name);
  }

  private async closeHandle(path: string): Promise<void> {
    const h = this.handles.get(path);
    if (h === undefined) return;
    this.handles.delete(path);
    await h.close();
  }
}
