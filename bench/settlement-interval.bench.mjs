// The settlement shape of a year-long simulation: 1,000 participants, 500 trades per interval
// (every buyer paired with one seller), every participant metered, 200 intervals in a row on one
// ledger. Reports the mean ms per interval of each run, best of 3 runs (the machine is shared).
// Target: <= 1.5 ms per interval (a year of 35,040 intervals for 500 prosumers per worker in ~60 s).
// Run: npm run bench:settlement
import { Ledger, openSettlementAccounts, settleInterval } from 'wattmarket';

const N = 1000;
const INTERVALS = 200;
const RUNS = 3;
const people = Array.from({ length: N }, (_, i) => `p${i}`);
const tariff = { retailPrice: 2204, feedInPrice: 671 };
const options = { priceTick: '1' };

function run(r) {
  const ledger = new Ledger({ assets: { VND: '1', kWh: '0.001' } });
  openSettlementAccounts(ledger, { participants: people, credit: true }, options);
  let tradeNo = 0;
  let transfers = 0;
  const t0 = performance.now();
  for (let k = 0; k < INTERVALS; k++) {
    const trades = [];
    for (let i = 0; i < N / 2; i++) trades.push({ id: `t${tradeNo++}`, buyer: people[i], seller: people[i + N / 2], quantity: 1.5, price: 1100 });
    const meters = people.map((p, i) => ({ participant: p, net: i < N / 2 ? -1.6 : 1.5 }));
    transfers += settleInterval(ledger, { interval: `r${r}/i${k}`, trades, meters, tariff }, options).transfers;
  }
  const ms = (performance.now() - t0) / INTERVALS;
  return { ms, transfers: transfers / INTERVALS, ok: ledger.verify().ok };
}

const results = Array.from({ length: RUNS }, (_, r) => run(r));
const best = results.reduce((a, b) => (b.ms < a.ms ? b : a));
console.log(`Settlement, ${N} participants and ${N / 2} trades per interval, ${INTERVALS} intervals per run (Node ${process.version})`);
console.log('| measure | best of 3 | all runs |');
console.log('|---|---:|---:|');
console.log(`| ms per interval | ${best.ms.toFixed(2)} | ${results.map((x) => x.ms.toFixed(2)).join(', ')} |`);
console.log(`| ledger transfers per interval | ${best.transfers} | |`);
console.log(`| ledger verifies | ${results.every((x) => x.ok)} | |`);
