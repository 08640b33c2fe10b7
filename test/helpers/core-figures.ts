import { campusScenario, clearAuction, OrderBook, runSimulation } from '../../src/index.js';

/**
 * Figures from the three parts of the core a web page would use: an order book, an auction with
 * every built-in mechanism, and a one-day campus simulation, as JSON-ready text. The browser test
 * computes them in Chromium from the core bundled for the browser, and in Node from the sources:
 * they must be equal, character for character.
 */
export function coreFigures(): { book: unknown; auctions: unknown; simulation: string } {
  const book = new OrderBook({ priceTick: '0.01', quantityStep: '0.1' });
  const trades: string[] = [];
  book.on('trade', (t) => trades.push(`${t.buyer}<-${t.seller} ${t.quantity.toString()}@${t.price.toString()}`));
  for (let i = 0; i < 40; i++) {
    const side = i % 3 === 0 ? 'buy' : 'sell';
    const price = (side === 'buy' ? 2100 + ((i * 37) % 300) : 2000 + ((i * 53) % 400)) / 100;
    book.submit({ id: `o${i}`, owner: `p${i % 7}`, side, price: price.toFixed(2), quantity: (1 + ((i * 13) % 50) / 10).toFixed(1) });
  }
  book.cancel('o4');
  book.amend('o7', { quantity: '0.5' });
  const depth = book.depth(3);
  const orders = Array.from({ length: 30 }, (_, i) => ({
    id: `a${i}`,
    owner: `q${i % 11}`,
    side: i % 2 === 0 ? ('buy' as const) : ('sell' as const),
    price: ((1800 + ((i * 71) % 700)) / 1000).toFixed(3),
    quantity: (0.5 + ((i * 29) % 40) / 10).toFixed(3),
  }));
  const auctions = (['uniform', 'discriminatory', 'mcafee', 'trade-reduction', 'huang'] as const).map((mechanism) => {
    const r = clearAuction(orders, { mechanism, k: '0.3', priceTick: '0.001' });
    return { mechanism: r.mechanism, price: r.price?.toString(), volume: r.volume.toString(), welfare: r.welfare.toString(), surplus: r.surplus.toString(), trades: r.trades.length };
  });
  return {
    book: {
      trades,
      bestBid: book.bestBid()?.toString(),
      bestAsk: book.bestAsk()?.toString(),
      depth: JSON.stringify(depth),
      size: book.size,
      stateHash: book.stateHash(),
    },
    auctions,
    simulation: JSON.stringify(runSimulation({ scenario: campusScenario(), days: 1, seed: 1 })),
  };
}
