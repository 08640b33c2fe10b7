import type { SimulationResult } from './simulation-result.js';

/**
 * The time series of a result as CSV (RFC 4180, CRLF line ends, a header row): one row per
 * interval with its start, energies in kWh, the clearing price and each battery's state of charge.
 */
export function seriesToCsv(result: SimulationResult): string {
  const s = result.series;
  const batteries = Object.keys(s.batterySoc);
  const header = ['time', 'generation_kwh', 'consumption_kwh', 'grid_import_kwh', 'grid_export_kwh', 'p2p_traded_kwh', 'demand_kwh', 'supply_kwh', 'price', ...batteries.map((b) => `soc_${b}`)];
  const rows = [header.map(quote).join(',')];
  for (let k = 0; k < s.time.length; k++) {
    const price = s.price[k];
    rows.push(
      [
        s.time[k],
        s.generationKWh[k],
        s.consumptionKWh[k],
        s.gridImportKWh[k],
        s.gridExportKWh[k],
        s.p2pTradedKWh[k],
        s.demandKWh[k],
        s.supplyKWh[k],
        price === null || price === undefined ? '' : price,
        ...batteries.map((b) => s.batterySoc[b]?.[k]),
      ]
        .map((v) => quote(String(v ?? '')))
        .join(','),
    );
  }
  return `${rows.join('\r\n')}\r\n`;
}

function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}
