// Requires the built package by its name, through package.json "exports" (the "require" condition).
const assert = require('node:assert/strict');
const { Decimal, DecimalGrid, ErrorCode, WattError, createRandom } = require('wattmarket');

assert.equal(new DecimalGrid('0.0001').toSteps('0.1234'), 1234);
assert.ok(new DecimalGrid('0.0001').fromSteps(1) instanceof Decimal);
assert.equal(createRandom(1).nextUint32(), createRandom(1).nextUint32());
assert.throws(() => new DecimalGrid('0'), (e) => e instanceof WattError && e.code === ErrorCode.INVALID_STEP);
console.log('smoke (CJS): ok');
