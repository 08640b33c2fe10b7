// Imports the built package by its name, through package.json "exports" (the "import" condition).
import assert from 'node:assert/strict';
import { Decimal, DecimalGrid, ErrorCode, WattError, createRandom } from 'wattmarket';

assert.equal(new DecimalGrid('0.0001').toSteps('0.1234'), 1234);
assert.ok(new DecimalGrid('0.0001').fromSteps(1) instanceof Decimal);
assert.equal(createRandom(1).nextUint32(), createRandom(1).nextUint32());
assert.throws(() => new DecimalGrid('0'), (e) => e instanceof WattError && e.code === ErrorCode.INVALID_STEP);
console.log('smoke (ESM): ok');
