// Imports the built package by its name, through package.json "exports" (the "import" condition).
import assert from 'node:assert/strict';
import { Decimal, DecimalGrid, ErrorCode, WattError, createRandom, OrderBook } from 'wattmarket';

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
console.log('smoke (ESM): ok');
{
  // The Node entry: the same core (one WattError class), and a run split over two worker threads
  // (two independent feeders) equal to runSimulation.
  const { districtScenario, runSimulation } = await import('wattmarket');
  const { runSimulationParallel } = await import('wattmarket/node');
  const options = { scenario: districtScenario({ prosumers: 40, feeders: 2 }), days: 1, seed: 1 };
  const parallel = await runSimulationParallel({ ...options, workers: 2 });
  assert.deepEqual(parallel.totals, runSimulation(options).totals);
  await assert.rejects(runSimulationParallel({ ...options, workers: 0 }), (e) => e instanceof WattError && e.code === ErrorCode.INVALID_RANGE);
}
console.log('smoke (ESM, wattmarket/node): ok');
{
  // The Node and queue entries resolve through "exports" too.
  const node = await import('wattmarket/node');
  assert.equal(typeof node.runSweep, 'function');
  const queue = await import('wattmarket/queue');
  assert.equal(typeof queue.queueExecutor, 'function');
  assert.equal(typeof queue.startSweepWorker, 'function');
  const sweep = await node.runSweep({ scenarios: ['campus'], days: 1, seeds: [1, 2], workers: 2 });
  assert.equal(sweep.runs.length, 2);
  console.log('smoke (ESM, wattmarket/node and wattmarket/queue): ok');
}
