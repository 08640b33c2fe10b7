// Requires the built package by its name, through package.json "exports" (the "require" condition).
const assert = require('node:assert/strict');
const { Decimal, DecimalGrid, ErrorCode, WattError, createRandom, OrderBook } = require('wattmarket');

assert.equal(new DecimalGrid('0.0001').toSteps('0.1234'), 1234);
assert.ok(new DecimalGrid('0.0001').fromSteps(1) instanceof Decimal);
assert.equal(createRandom(1).nextUint32(), createRandom(1).nextUint32());
assert.throws(() => new DecimalGrid('0'), (e) => e instanceof WattError && e.code === ErrorCode.INVALID_STEP);
{
  const book = new OrderBook();
  const seen = [];
  book.on('trade', (t) => seen.push(t.price.toString()));
  book.submit({ id: 'a', owner: 'x', side: 'sell', price: '0.1', quantity: 1 });
  assert.equal(book.submit({ id: 'b', owner: 'y', side: 'buy', price: '0.2', quantity: 1 }).status, 'filled');
  assert.deepEqual(seen, ['0.1']);
  assert.ok(Object.isFrozen(book.snapshot()));
  assert.equal(OrderBook.restore(book.snapshot()).stateHash(), book.stateHash());
}
console.log('smoke (CJS): ok');
// The Node entry: the same core (one WattError class), and a run split over two worker threads
// (two independent feeders) equal to runSimulation.
const { districtScenario, runSimulation } = require('wattmarket');
const { runSimulationParallel } = require('wattmarket/node');
const options = { scenario: districtScenario({ prosumers: 40, feeders: 2 }), days: 1, seed: 1 };
runSimulationParallel({ ...options, workers: 2 })
  .then(async (parallel) => {
    assert.deepEqual(parallel.totals, runSimulation(options).totals);
    await assert.rejects(runSimulationParallel({ ...options, workers: 0 }), (e) => e instanceof WattError && e.code === ErrorCode.INVALID_RANGE);
    console.log('smoke (CJS, wattmarket/node): ok');
  })
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
{
  // The Node and queue entries resolve through "exports" for require too.
  assert.equal(typeof require('wattmarket/node').runSweep, 'function');
  assert.equal(typeof require('wattmarket/queue').startSweepWorker, 'function');
  console.log('smoke (CJS, wattmarket/node and wattmarket/queue): ok');
}
