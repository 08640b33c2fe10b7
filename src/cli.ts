#!/usr/bin/env node
import { writeFileSync } from 'node:fs';
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
  interactive: process.stderr.isTTY,
  now: () => performance.now(),
}, version);
