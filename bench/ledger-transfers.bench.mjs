// Ledger throughput through the public API of the built package: transfers one at a time and in
// batches of 100, into a ledger of 1,000 accounts that grows to a million transfers, against a
// naive peer (a Map of accounts, decimal.js amounts, a Map of ids) measured in the same process.
// Each transfer object is built inside the timed loop, as a caller would build it.
// Run: npm run bench:ledger
import { Decimal, Ledger } from 'wattmarket';

const ACCOUNTS = 1000;
const TOTAL = Number(process.env.LEDGER_BENCH_TRANSFERS ?? 1_000_000);
const PEER_TOTAL = TOTAL;
const BATCH = 100;
const REPEATS = 3;
const ids = Array.from({ length: ACCOUNTS }, (_, i) => `acct-${i}`);

function leg(j) {
  const from = 1 + ((j * 7919) % (ACCOUNTS - 1));
  let to = 1 + ((j * 104729 + 13) % (ACCOUNTS - 1));
  if (to === from) to = 0;
  return { id: `tx-${j}`, from: ids[from], to: ids[to], amount: 1 + (j % 100) };
}

function freshLedger() {
  const ledger = new Ledger({ assets: { VND: '1' } });
  for (let i = 0; i < ACCOUNTS; i++) ledger.openAccount({ id: ids[i], asset: 'VND', allowNegative: i === 0 });
  const seed = [];
  for (let i = 1; i < ACCOUNTS; i++) seed.push({ id: `seed-${i}`, from: ids[0], to: ids[i], amount: 1e9 });
  ledger.batch(seed);
  return ledger;
}

/** The ledger a JavaScript developer would write first: correct, but decimal.js on every amount. */
class NaivePeer {
  constructor() {
    this.accounts = new Map();
    this.transfers = new Map();
  }
  open(id, allowNegative) {
    this.accounts.set(id, { balance: new Decimal(0), allowNegative });
  }
  transfer(t) {
    const old = this.transfers.get(t.id);
    const amount = new Decimal(t.amount);
    if (!amount.isInteger() || amount.lte(0)) throw new Error('bad amount');
    if (old) {
      if (old.from !== t.from || old.to !== t.to || !old.amount.eq(amount)) throw new Error('conflict');
      return 'exists';
    }
    const from = this.accounts.get(t.from);
    const to = this.accounts.get(t.to);
    if (!from || !to || from === to) throw new Error('bad accounts');
    const next = from.balance.minus(amount);
    if (!from.allowNegative && next.isNegative()) throw new Error('insufficient');
    from.balance = next;
    to.balance = to.balance.plus(amount);
    this.transfers.set(t.id, { from: t.from, to: t.to, amount });
    return 'created';
  }
}

function freshPeer() {
  const peer = new NaivePeer();
  for (let i = 0; i < ACCOUNTS; i++) peer.open(ids[i], i === 0);
  for (let i = 1; i < ACCOUNTS; i++) peer.transfer({ id: `seed-${i}`, from: ids[0], to: ids[i], amount: 1e9 });
  return peer;
}

function time(f) {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

const scenarios = [
  {
    name: `Ledger.batch, batches of ${BATCH}`,
    count: TOTAL,
    run() {
      const ledger = freshLedger();
      return time(() => {
        for (let i = 0; i < TOTAL; i += BATCH) {
          const batch = new Array(BATCH);
          for (let j = 0; j < BATCH; j++) batch[j] = leg(i + j);
          ledger.batch(batch);
        }
      });
    },
  },
  {
    name: 'Ledger.transfer, one at a time',
    count: TOTAL,
    run() {
      const ledger = freshLedger();
      return time(() => {
        for (let j = 0; j < TOTAL; j++) ledger.transfer(leg(j));
      });
    },
  },
  {
    name: 'naive peer (Map + decimal.js), one at a time',
    count: PEER_TOTAL,
    run() {
      const peer = freshPeer();
      return time(() => {
        for (let j = 0; j < PEER_TOTAL; j++) peer.transfer(leg(j));
      });
    },
  },
];

const results = scenarios.map((s) => {
  let best = Infinity;
  for (let r = 0; r < REPEATS; r++) best = Math.min(best, s.run());
  return { name: s.name, count: s.count, perSecond: (s.count / best) * 1000, nsPer: (best * 1e6) / s.count };
});
const peer = results[results.length - 1].perSecond;
console.log(`Ledger transfers, ${ACCOUNTS} accounts, best of ${REPEATS} runs (Node ${process.version})`);
console.log('| scenario | transfers | transfers/s | ns/transfer | vs naive peer |');
console.log('|---|---:|---:|---:|---:|');
for (const r of results) {
  console.log(`| ${r.name} | ${r.count.toLocaleString('en-US')} | ${Math.round(r.perSecond).toLocaleString('en-US')} | ${r.nsPer.toFixed(0)} | ${(r.perSecond / peer).toFixed(1)}x |`);
}
