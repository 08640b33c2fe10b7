import { describeValue } from '../errors/describe-value.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import type { LinkResult, NetworkResult, TransformerResult } from '../simulation/network-result.js';
import type { SimulationResult } from '../simulation/simulation-result.js';
import { escapeHtml } from './escape-html.js';
import type { FigureFormat } from './figure-format.js';
import { formatNumber } from './format-number.js';
import { COLOURS } from './palette.js';

const FN = 'renderReport';
const BAR_WIDTH = 560;
const LABEL_WIDTH = 260;
const ROW = 22;

function finite(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER) {
    fail(ErrorCode.INVALID_ARGUMENT, FN, `${path} must be a finite number; got ${describeValue(value)}`);
  }
  return value;
}

function limit(value: unknown, path: string): number | null {
  return value === null ? null : finite(value, path);
}

function name(value: unknown, path: string): string {
  if (typeof value !== 'string') fail(ErrorCode.INVALID_ARGUMENT, FN, `${path} must be a string; got ${describeValue(value)}`);
  return value;
}

function list(value: unknown, path: string): readonly Record<string, unknown>[] {
  if (!Array.isArray(value)) fail(ErrorCode.INVALID_ARGUMENT, FN, `${path} must be a list; got ${describeValue(value)}`);
  return value.map((item, i) => {
    if (typeof item !== 'object' || item === null) fail(ErrorCode.INVALID_ARGUMENT, FN, `${path}[${i}] must be an object; got ${describeValue(item)}`);
    return item as Record<string, unknown>;
  });
}

/**
 * The network figures the section draws, checked like the rest of a result read back from JSON
 * (a malformed figure is refused naming its field); undefined when the result has no network.
 */
function readNetwork(result: SimulationResult): { links: LinkResult[]; transformers: TransformerResult[]; net: NetworkResult } | undefined {
  const net = (result as { network?: unknown }).network;
  if (net === undefined) return undefined;
  if (typeof net !== 'object' || net === null) fail(ErrorCode.INVALID_ARGUMENT, FN, `result.network must be an object; got ${describeValue(net)}`);
  const n = net as Record<string, unknown>;
  const links = list(n['links'], 'result.network.links').map((l, i) => {
    const p = `result.network.links[${i}]`;
    return {
      from: name(l['from'], `${p}.from`),
      to: name(l['to'], `${p}.to`),
      capacityKWh: limit(l['capacityKWh'], `${p}.capacityKWh`),
      flowKWh: finite(l['flowKWh'], `${p}.flowKWh`),
      peakFlowKWh: finite(l['peakFlowKWh'], `${p}.peakFlowKWh`),
      congestedIntervals: finite(l['congestedIntervals'], `${p}.congestedIntervals`),
      congestionHours: finite(l['congestionHours'], `${p}.congestionHours`),
    };
  });
  const transformers = list(n['transformers'], 'result.network.transformers').map((t, i) => {
    const p = `result.network.transformers[${i}]`;
    return {
      zone: name(t['zone'], `${p}.zone`),
      importLimitKWh: limit(t['importLimitKWh'], `${p}.importLimitKWh`),
      exportLimitKWh: limit(t['exportLimitKWh'], `${p}.exportLimitKWh`),
      importKWh: finite(t['importKWh'], `${p}.importKWh`),
      exportKWh: finite(t['exportKWh'], `${p}.exportKWh`),
      importLimitHours: finite(t['importLimitHours'], `${p}.importLimitHours`),
      exportLimitHours: finite(t['exportLimitHours'], `${p}.exportLimitHours`),
    };
  });
  for (const field of ['curtailedPvKWh', 'unservedLoadKWh', 'baselineCurtailedPvKWh', 'baselineUnservedLoadKWh', 'congestionRent'] as const) {
    finite(n[field], `result.network.${field}`);
  }
  return { links, transformers, net: net as NetworkResult };
}

/** Horizontal bars of the hours each link was full and each transformer at a limit. */
function hoursChart(rows: readonly { label: string; hours: number; colour: string }[]): string {
  if (rows.length === 0) return '';
  const most = rows.reduce((m, r) => Math.max(m, r.hours), 0);
  const height = rows.length * ROW + 8;
  const width = LABEL_WIDTH + BAR_WIDTH + 90;
  const bars = rows.map((r, i) => {
    const y = 4 + i * ROW;
    const w = most === 0 ? 0 : Math.round((r.hours / most) * BAR_WIDTH);
    return (
      `<text x="${LABEL_WIDTH - 8}" y="${y + 15}" text-anchor="end" font-size="12">${escapeHtml(r.label)}</text>` +
      `<rect x="${LABEL_WIDTH}" y="${y + 3}" width="${w}" height="${ROW - 6}" fill="${r.colour}"/>` +
      `<text x="${LABEL_WIDTH + w + 6}" y="${y + 15}" font-size="12">${escapeHtml(formatNumber(r.hours, 2))} h</text>`
    );
  });
  return (
    `<svg id="chart-network-hours" class="network-hours" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="chart-network-hours-title">` +
    `<title id="chart-network-hours-title">Hours at the limit per feeder link and transformer</title>${bars.join('')}</svg>`
  );
}

/**
 * The report's network section: link flows and congestion hours, transformer flows and the hours
 * at their limits (a table each and a bar chart of the hours), curtailed PV and unserved load
 * against the utility-only baseline, congestion rent and imbalance netting. Empty when the result
 * has no network part.
 * @throws WattError INVALID_ARGUMENT naming a malformed network figure.
 */
export function networkSection(result: SimulationResult, f: FigureFormat): string {
  const read = readNetwork(result);
  if (read === undefined) return '';
  const { links, transformers, net } = read;
  const cap = (v: number | null): string => (v === null ? 'unlimited' : f.energy(v));
  const hours = (v: number): string => `${formatNumber(v, 2)} h`;
  const linkRows = links.map(
    (l) => `<tr><th scope="row">${escapeHtml(l.from)} \u2192 ${escapeHtml(l.to)}</th><td>${cap(l.capacityKWh)}</td><td>${f.energy(l.flowKWh)}</td><td>${f.energy(l.peakFlowKWh)}</td><td>${hours(l.congestionHours)}</td></tr>`,
  );
  const transformerRows = transformers.map(
    (t) =>
      `<tr><th scope="row">${escapeHtml(t.zone)}</th><td>${cap(t.importLimitKWh)}</td><td>${cap(t.exportLimitKWh)}</td><td>${f.energy(t.importKWh)}</td>` +
      `<td>${f.energy(t.exportKWh)}</td><td>${hours(t.importLimitHours)}</td><td>${hours(t.exportLimitHours)}</td></tr>`,
  );
  const chart = hoursChart([
    ...links.map((l) => ({ label: `link ${l.from} \u2192 ${l.to}`, hours: l.congestionHours, colour: COLOURS.localTrades })),
    ...transformers.flatMap((t) => [
      ...(t.importLimitKWh === null ? [] : [{ label: `transformer ${t.zone}, import`, hours: t.importLimitHours, colour: COLOURS.gridImport }]),
      ...(t.exportLimitKWh === null ? [] : [{ label: `transformer ${t.zone}, export`, hours: t.exportLimitHours, colour: COLOURS.gridExport }]),
    ]),
  ]);
  const netting = net.imbalanceNetting as NetworkResult['imbalanceNetting'] | undefined;
  const facts: [string, string][] = [
    ['PV curtailed at transformer limits', `${f.energy(net.curtailedPvKWh)} (utility only: ${f.energy(net.baselineCurtailedPvKWh)})`],
    ['Load not served at transformer limits', `${f.energy(net.unservedLoadKWh)} (utility only: ${f.energy(net.baselineUnservedLoadKWh)})`],
    ['Congestion rent', f.money(net.congestionRent)],
    [
      'Imbalance netting',
      netting === undefined || netting.mode === 'off'
        ? 'off'
        : `${escapeHtml(netting.mode)}: ${f.energy(finite(netting.nettedKWh, 'result.network.imbalanceNetting.nettedKWh'))} netted, saving ${f.money(finite(netting.saving, 'result.network.imbalanceNetting.saving'))}`,
    ],
  ];
  return (
    '<section id="network"><h2>Network</h2>' +
    `<dl class="meta">${facts.map(([k, v]) => `<div><dt>${k}</dt><dd>${v}</dd></div>`).join('')}</dl>` +
    (linkRows.length === 0
      ? '<p class="empty">No energy moved between feeders.</p>'
      : '<table><caption>Feeder links (per interval capacity; energy over the run)</caption><thead><tr><th scope="col">link</th><th scope="col">capacity</th>' +
        `<th scope="col">energy</th><th scope="col">peak interval</th><th scope="col">congested</th></tr></thead><tbody>${linkRows.join('')}</tbody></table>`) +
    '<table><caption>Transformers (limits per interval; hours at each limit)</caption><thead><tr><th scope="col">feeder</th><th scope="col">import limit</th>' +
    '<th scope="col">export limit</th><th scope="col">imported</th><th scope="col">exported</th><th scope="col">at import limit</th>' +
    `<th scope="col">at export limit</th></tr></thead><tbody>${transformerRows.join('')}</tbody></table>` +
    (chart === '' ? '' : `<figure id="network-hours"><h3>Hours at the limit</h3>${chart}<figcaption>Hours in which each feeder link was full and each transformer at its limit.</figcaption></figure>`) +
    '</section>'
  );
}
