// The built core bundles for a browser as it is: esbuild with platform 'browser' and no alias,
// shim or external, from both of its files (the ESM and the CommonJS build). A `node:` import
// anywhere in what `wattmarket` loads fails the build ("Could not resolve"). The Node entry is
// checked to be the part that needs Node, so this check can fail.
import assert from 'node:assert/strict';
import { build } from 'esbuild';

const bundle = (entry) =>
  build({ stdin: { contents: entry, resolveDir: import.meta.dirname }, bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent' });

for (const entry of ["export * from 'wattmarket';", "module.exports = require('wattmarket');"]) {
  const result = await bundle(entry);
  assert.equal(result.errors.length, 0);
  assert.ok(result.outputFiles[0].text.includes('clearAuction'));
}
await assert.rejects(bundle("export * from 'wattmarket/node';"), /Could not resolve "worker_threads"/);
console.log('smoke (browser bundle of the core): ok');
