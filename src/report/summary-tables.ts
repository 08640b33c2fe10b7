import type { SimulationResult } from '../simulation/simulation-result.js';
import { escapeHtml } from './escape-html.js';
import { share, type FigureFormat } from './figure-format.js';
import { MISSING } from './format-number.js';

/** A row of a figure table: its label (with a short note under it), and its value (escaped HTML). */
interface FigureRow {
  readonly label: string;
  readonly value: string;
  readonly note?: string;
}

function figureTable(caption: string, rows: readonly FigureRow[]): string {
  const body = rows
    .map((r) => {
      const note = r.note === undefined || r.note === '' ? '' : `<span class="row-note">${escapeHtml(r.note)}</span>`;
      return `<tr><th scope="row">${escapeHtml(r.label)}${note}</th><td class="num">${r.value}</td></tr>`;
    })
    .join('');
  return `<table class="figures"><caption>${escapeHtml(caption)}</caption><tbody>${body}</tbody></table>`;
}

/** The four headline figures as tiles: saving, self-sufficiency, local volume, local price. */
export function keyFigures(result: SimulationResult, f: FigureFormat): string {
  const t = result.totals;
  const savingShare = share(t.communitySaving, Math.abs(t.baselineCommunityNetCost));
  const tiles = [
    { label: 'Community saving', value: f.moneyChange(t.communitySaving), note: savingShare === null ? 'against the utility-only baseline' : `${f.percent(savingShare)} of the utility-only cost` },
    { label: 'Self-sufficiency', value: f.percent(t.selfSufficiency), note: 'of consumption not bought from the utility' },
    { label: 'Traded locally', value: f.energy(t.p2pTradedKWh), note: `${f.percent(share(t.p2pTradedKWh, t.consumptionKWh))} of consumption` },
    {
      label: 'Average local price',
      value: f.price(t.averageLocalPrice),
      note: `feed-in ${f.price(result.tariff.feedInPrice)}, retail ${f.price(result.tariff.retailPrice)}`,
    },
  ];
  return `<div class="tiles">${tiles
    .map((tile) => `<div class="tile"><div class="tile-label">${escapeHtml(tile.label)}</div><div class="tile-value">${tile.value}</div><div class="tile-note">${tile.note}</div></div>`)
    .join('')}</div>`;
}

/** Where a price lies in the band from the feed-in to the retail tariff, as a note. */
function bandNote(result: SimulationResult, f: FigureFormat): string {
  const price = result.totals.averageLocalPrice;
  if (price === null) return 'nothing traded locally';
  const { retailPrice, feedInPrice } = result.tariff;
  const position = share(price - feedInPrice, retailPrice - feedInPrice);
  if (position === null) return 'volume-weighted, buyers\u2019 prices';
  return `volume-weighted; ${f.percent(position)} of the way from the feed-in to the retail tariff`;
}

/**
 * A row for each service figure of an asset plug-in (`totals.service`), labelled from its name:
 * `heatShortfallKWh` reads 'Heat shortfall', an energy; a name without a unit is a count.
 */
function serviceRows(service: Readonly<Record<string, number>> | undefined, f: FigureFormat): { label: string; value: string; note: string }[] {
  if (service === undefined) return [];
  return Object.keys(service).map((name) => {
    const value = service[name] as number;
    const energy = name.endsWith('KWh');
    const words = (energy ? name.slice(0, -3) : name).replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
    return { label: words.charAt(0).toUpperCase() + words.slice(1), value: energy ? f.energy(value) : f.count(value), note: 'reported by an asset plug-in' };
  });
}

/** The summary: energy flows, the market, and the community's cost against the baseline. */
export function summaryTables(result: SimulationResult, f: FigureFormat): string {
  const t = result.totals;
  const balance = t.generationKWh + t.gridImportKWh - t.consumptionKWh - t.gridExportKWh - t.storageDeltaKWh - t.lossesKWh;
  const energy = figureTable('Energy flows', [
    { label: 'Generation', value: f.energy(t.generationKWh), note: 'solar delivered and vehicle-to-grid' },
    { label: 'Consumption', value: f.energy(t.consumptionKWh), note: 'loads, EV charging, swapped packs' },
    { label: 'Grid import', value: f.energy(t.gridImportKWh), note: 'bought from the utility' },
    { label: 'Grid export', value: f.energy(t.gridExportKWh), note: 'sold to the utility' },
    { label: 'Traded locally', value: f.energy(t.p2pTradedKWh), note: 'between participants' },
    { label: 'Storage change', value: f.energyChange(t.storageDeltaKWh), note: 'batteries and swap-station packs' },
    { label: 'Storage losses', value: f.energy(t.lossesKWh), note: 'charging and discharging' },
    { label: 'Curtailed solar', value: f.energy(t.curtailedKWh), note: 'not in generation' },
    { label: 'Unserved demand', value: f.energy(t.unservedKWh), note: 'not in consumption' },
    { label: 'Balance', value: f.energy(balance), note: 'generation + import \u2212 consumption \u2212 export \u2212 storage change \u2212 losses' },
  ]);
  const market = figureTable('Local market', [
    { label: 'Local volume', value: f.energy(t.p2pTradedKWh), note: `${f.percent(share(t.p2pTradedKWh, t.consumptionKWh))} of consumption` },
    { label: 'Average local price', value: f.price(t.averageLocalPrice), note: bandNote(result, f) },
    { label: 'Retail tariff', value: f.price(result.tariff.retailPrice), note: 'the utility sells at' },
    { label: 'Feed-in tariff', value: f.price(result.tariff.feedInPrice), note: 'the utility buys at' },
    { label: 'Self-sufficiency', value: f.percent(t.selfSufficiency), note: 'consumption not bought from the utility' },
    { label: 'Self-consumption', value: f.percent(t.selfConsumption), note: 'generation not sold to the utility' },
    { label: 'Peak grid import', value: f.power(t.peakGridImportKW), note: 'highest interval, as average power' },
    { label: 'Welfare', value: f.money(t.welfare), note: 'gains from trade at the orders\u2019 limit prices' },
    ...(t.marketEfficiency === undefined
      ? []
      : [{ label: 'Market efficiency', value: f.percent(t.marketEfficiency), note: 'welfare over the most the same orders allowed' }]),
    { label: 'Grid fees', value: f.money(t.gridFees), note: 'paid to the network operator' },
    { label: 'EV shortfall', value: f.energy(t.evShortfallKWh), note: 'energy EVs left without' },
    { label: 'Missed swaps', value: f.count(t.missedSwaps), note: 'riders with no ready pack' },
    ...(t.swapsServed === undefined ? [] : [{ label: 'Swaps served', value: f.count(t.swapsServed), note: 'riders who got a ready pack at once' }]),
    ...serviceRows(t.service, f),
  ]);
  const savingShare = share(t.communitySaving, Math.abs(t.baselineCommunityNetCost));
  const cost = figureTable('Community cost', [
    { label: 'Net cost with local trading', value: f.money(t.communityNetCost), note: 'all participants; negative when they earned more than they paid' },
    { label: 'Utility-only baseline', value: f.money(t.baselineCommunityNetCost), note: 'the same run, trading with the utility alone' },
    { label: 'Saving', value: f.moneyChange(t.communitySaving), note: savingShare === null ? MISSING : `${f.percent(savingShare)} of the baseline` },
  ]);
  return `<div class="summary-grid">${energy}${market}${cost}</div>`;
}
