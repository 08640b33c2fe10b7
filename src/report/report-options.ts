import { ErrorCode } from '../errors/error-codes.js';
import { checkBoolean, checkId, checkInteger, checkKnownKeys, checkObject } from '../validation/checks.js';

/**
 * Options of {@link renderReport}. Every field is optional; an unknown key or a value of the
 * wrong type or range throws `INVALID_OPTION`.
 */
export interface ReportOptions {
  /** The page's title and main heading. Default: `'<scenario> simulation report'`. */
  title?: string;
  /**
   * The most points drawn for one line of a chart, from 16 to 1,000,000 (default 2,000). Longer
   * series are downsampled for drawing, keeping the lowest and highest value of each bucket of
   * intervals so peaks stay visible; the chart's caption says so. The tables always use the
   * exact totals.
   */
  maxPoints?: number;
  /** Decimals shown for energies in kWh, 0 to 6 (default 1). */
  energyDecimals?: number;
  /**
   * Decimals shown for amounts of money, 0 to 6. Default: 0 for currencies without minor units
   * (VND, JPY, KRW and the other ISO 4217 zero-decimal currencies), 2 otherwise.
   */
  moneyDecimals?: number;
  /** Decimals shown for prices per kWh, 0 to 6. Default: 0 for currencies without minor units, 4 otherwise. */
  priceDecimals?: number;
  /** Whether to add a table of every participant, collapsed under a `<details>` (default true). */
  participantTable?: boolean;
  /**
   * Whether to add a tiny inline script that records each chart's laid-out size in the `<body>`'s
   * `data-chart-boxes` attribute, for automated checks in a headless browser (default false).
   * The charts never need it: they are drawn by the browser from the SVG alone.
   */
  layoutProbe?: boolean;
  /**
   * The most local days drawn in the per-day view, one market chart each under a `<details>`,
   * 0 to 3,660 (default 14; 0: none). Longer runs show their first days and say so (a day's
   * chart adds about 12 kB to the page).
   */
  dayViews?: number;
}

/** {@link ReportOptions} with every default filled in. */
export interface ResolvedReportOptions {
  readonly title: string;
  readonly maxPoints: number;
  readonly energyDecimals: number;
  readonly moneyDecimals: number;
  readonly priceDecimals: number;
  readonly participantTable: boolean;
  readonly layoutProbe: boolean;
  readonly dayViews: number;
}

const FN = 'renderReport';
const KNOWN = ['title', 'maxPoints', 'energyDecimals', 'moneyDecimals', 'priceDecimals', 'participantTable', 'layoutProbe', 'dayViews'] as const;
/** ISO 4217 currencies whose minor unit is the unit itself. */
const ZERO_DECIMAL_CURRENCIES: readonly string[] = [
  'BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF',
];

/** Checks `options` and fills in the defaults; `currency` decides the default decimals of money. */
export function resolveReportOptions(options: unknown, scenario: string, currency: string): ResolvedReportOptions {
  const o = options === undefined ? {} : checkObject(options, FN, 'options');
  checkKnownKeys(o, KNOWN, FN, 'option');
  const wholeUnits = ZERO_DECIMAL_CURRENCIES.includes(currency.toUpperCase());
  const decimals = (name: string, fallback: number): number =>
    checkInteger(o[name], fallback, 0, 6, FN, `options.${name}`, ErrorCode.INVALID_OPTION);
  return {
    title: o['title'] === undefined ? `${scenario} simulation report` : checkId(o['title'], FN, 'options.title', ErrorCode.INVALID_OPTION),
    maxPoints: checkInteger(o['maxPoints'], 2000, 16, 1_000_000, FN, 'options.maxPoints', ErrorCode.INVALID_OPTION),
    energyDecimals: decimals('energyDecimals', 1),
    moneyDecimals: decimals('moneyDecimals', wholeUnits ? 0 : 2),
    priceDecimals: decimals('priceDecimals', wholeUnits ? 0 : 4),
    participantTable: checkBoolean(o['participantTable'], true, FN, 'options.participantTable'),
    layoutProbe: checkBoolean(o['layoutProbe'], false, FN, 'options.layoutProbe'),
    dayViews: checkInteger(o['dayViews'], 14, 0, 3660, FN, 'options.dayViews', ErrorCode.INVALID_OPTION),
  };
}
