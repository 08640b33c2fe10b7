import type { IntervalSettlementInput } from '../../src/index.js';

/** The participants of the settlement tests. */
export const PEOPLE = ['canopy', 'rooftop', 'ev-hub', 'library'];

/** One interval with a book trade, an auction trade, deviations and a split per-kWh grid fee. */
export const BASE: IntervalSettlementInput = {
  interval: 'I1',
  trades: [
    { sequence: 1, buyer: 'ev-hub', seller: 'canopy', quantity: '4', price: '1850.5' },
    { buyOrderId: 'b7', sellOrderId: 's3', buyer: 'library', seller: 'rooftop', quantity: '2.5', buyerPrice: '1900', sellerPrice: '1800.3' },
  ],
  meters: [
    { participant: 'canopy', exported: '3.2' },
    { participant: 'rooftop', exported: '3.1' },
    { participant: 'ev-hub', imported: '5.25' },
    { participant: 'library', net: '-2.5' },
  ],
  tariff: { retailPrice: '2536', feedInPrice: '671', gridFee: { kind: 'per-kwh', price: '120.5' }, gridFeePayer: 'split' },
};
