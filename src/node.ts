/**
 * `wattmarket/node`: what needs Node (the file system). The core (`wattmarket`) stays free of
 * `node:` modules.
 * @packageDocumentation
 */
export { openFileStore, FileStore } from './node/file-store.js';
export type { FileStoreOptions } from './node/file-store.js';
export { NodeStoreFs } from './node/store-fs.js';
export type { StoreFs } from './node/store-fs.js';
