import {
  BUILT_IN_MECHANISMS,
  clearAuction,
  Ledger,
  ManualClock,
  Market,
  openSettlementAccounts,
  OrderBook,
  settleInterval,
  type AuctionOrder,
} from '../../src/index.js';

/**
 * Work on fresh instances of every part of the library that keeps scratch: what a user callback
 * (clock, listener, mechanism, strategy) may do when it calls back in. Each call differs a little
 * (`round`), so a buffer mixed up between the outer call and this one shows in the outer result.
 */
export function reenterLibrary(round: number): void {
  const orders: AuctionOrder[] = [];
  for (let i = 0; i < 40 + (round % 7); i++) {
    orders.push({ id: `n${round}-${i}`, owner: `w${i % 5}`, side: i % 2 === 0 ? 'buy' : 'sell', price: 10 + ((i * 7 + round) % 23), quantity: 1 + (i % 4) });
  }
  // Reading the trades pairs them (lazily), which uses work arrays too.
  let traded = 0;
  for (const mechanism of ['uniform', 'huang'] as const) traded += clearAuction(orders, { mechanism, priceTick: 1, quantityStep: 1, selfTrade: 'prevent' }).trades.length;
  traded += clearAuction(orders, { mechanism: { ...BUILT_IN_MECHANISMS.mcafee, name: 'wrapped' }, priceTick: 1, quantityStep: 1 }).trades.length;
  if (traded === 0) throw new Error('reenterLibrary: the nested auctions should trade');

  const ledger = new Ledger({ assets: { VND: '1', kWh: '0.001' } });
  openSettlementAccounts(ledger, { participants: ['x', 'y'], credit: true });
  settleInterval(ledger, {
    interval: `nested-${round}`,
    trades: [{ sequence: 1, buyer: 'x', seller: 'y', quantity: String(1 + (round % 3)), price: '900' }],
    meters: [
      { participant: 'x', imported: String(1 + (round % 3)) },
      { participant: 'y', exported: '1' },
    ],
    tariff: { retailPrice: '2000', feedInPrice: '500' },
  });

  const book = new OrderBook({ priceTick: 1, quantityStep: 1 });
  book.submit({ id: 'm1', owner: 'u', side: 'sell', price: 50 + round, quantity: 3 });
  book.submit({ id: 't1', owner: 'v', side: 'buy', price: 60 + round, quantity: 2 });

  const start = Date.UTC(2025, 3, 7, 8);
  const market = new Market({ clock: new ManualClock(start - 3_600_000), tariff: { retailPrice: 2204, feedInPrice: 671 }, priceTick: 1 });
  for (const id of ['p', 'q']) {
    market.registerParticipant({ id });
    market.deposit({ id: `d-${id}`, participant: id, amount: 1_000_000 });
  }
  market.submit({ id: 'qb', participant: 'q', deliveryStart: start, side: 'buy', price: 1500, quantity: 2 });
  market.submit({ id: 'ps', participant: 'p', deliveryStart: start, side: 'sell', price: 800 + (round % 50), quantity: 3 });
  market.submit({ id: 'pb', participant: 'p', deliveryStart: start, side: 'buy', price: 1400, quantity: 1 });
  market.advanceTo(start);
}
