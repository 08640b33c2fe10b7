#!/usr/bin/env node
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { runCli } from './cli/run-cli.js';

const require = createRequire(import.meta.url);
const { version } = require('../package.json') as { version: string };
process.exitCode = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  writeFile: (path, text) => {
    writeFileSync(path, text, 'utf8');
  },
  removeFile: (path) => {
    rmSync(path, { force: true });
  },
  interactive: process.stderr.isTTY,
  now: () => performance.now(),
  // The queue entry loads bullmq: only when a command asks for a queue.
  queueExecutor: async (url) => (await import('./queue.js')).queueExecutor({ url }),
  startWorker: async (url, concurrency, onRun) => (await import('./queue.js')).startSweepWorker({ url, concurrency, onRun }),
  stopSignal: () =>
    new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    }),
}, version);
