import { escapeHtml } from './escape-html.js';
import { formatNumber, formatPercent, formatSigned, MISSING } from './format-number.js';
import type { ResolvedReportOptions } from './report-options.js';

/** Formats the figures of one report with its units and decimals; every result is escaped HTML. */
export interface FigureFormat {
  /** `'12,345.6 kWh'`. */
  energy(kWh: number): string;
  /** `'+1,234.5 kWh'` for a change. */
  energyChange(kWh: number): string;
  /** `'1,234,567 VND'`. */
  money(amount: number): string;
  /** `'+1,234,567 VND'` for a saving. */
  moneyChange(amount: number): string;
  /** `'1,450 VND/kWh'`, or a dash for null. */
  price(price: number | null): string;
  /** `'45.7%'`, or a dash for null. */
  percent(share: number | null): string;
  /** `'1,234'`. */
  count(n: number): string;
  /** `'123.4 kW'`. */
  power(kW: number): string;
  /** The currency code, escaped. */
  readonly currency: string;
}

/** The formats of a report in `currency` with the decimals of `options`. */
export function figureFormat(options: ResolvedReportOptions, currency: string): FigureFormat {
  const code = escapeHtml(currency);
  return {
    energy: (v) => `${formatNumber(v, options.energyDecimals)} kWh`,
    energyChange: (v) => `${formatSigned(v, options.energyDecimals)} kWh`,
    money: (v) => `${formatNumber(v, options.moneyDecimals)} ${code}`,
    moneyChange: (v) => `${formatSigned(v, options.moneyDecimals)} ${code}`,
    price: (v) => (v === null ? MISSING : `${formatNumber(v, options.priceDecimals)} ${code}/kWh`),
    percent: (v) => (v === null ? MISSING : formatPercent(v, 1)),
    count: (v) => formatNumber(v, 0),
    power: (v) => `${formatNumber(v, options.energyDecimals)} kW`,
    currency: code,
  };
}

/** `part / whole`, or null when the whole is zero (a share of nothing is not 0%). */
export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}
