import { Decimal } from 'decimal.js';
import { resolveAuctionOptions, type ResolvedAuctionOptions } from '../auction/auction-options.js';
import { AuctionOutcome } from '../auction/auction-outcome.js';
import type { AuctionResult } from '../auction/auction-result.js';
import { clearAuctionSteps } from '../auction/clear-auction-steps.js';
import type { AuctionMechanism } from '../auction/mechanism.js';
import { BUILT_IN_MECHANISMS, isBuiltInMechanismName } from '../auction/mechanisms/built-in-mechanisms.js';
import { stepsInput } from '../market/market-trade.js';
import type { Step } from '../units/step.js';

const Exact = Decimal.clone({ precision: 60 });
/** One Wh in kWh: the quantity step of the run's markets and of the welfare unit. */
const WH = '0.001';

/**
 * Whether a mechanism's allocation is by itself the efficient one: it declares `efficient` (the
 * built-in uniform and discriminatory mechanisms, whose allocations the test suite proves
 * efficient, or a mechanism of the user's, whose every allocation the library verifies against
 * the maximum welfare because it is not built in).
 */
export function declaresEfficient(mechanism: string | AuctionMechanism): boolean {
  if (typeof mechanism !== 'string') return mechanism.properties.efficient;
  return isBuiltInMechanismName(mechanism) && BUILT_IN_MECHANISMS[mechanism].properties.efficient;
}

/** The orders of one clearing group of an interval, as the integer columns clearing takes. */
class OrderColumns {
  ids: string[] = [];
  owners: string[] = [];
  readonly buy: boolean[] = [];
  readonly priceTicks: number[] = [];
  readonly lots: number[] = [];
  readonly zones: string[] = [];

  reset(): void {
    // Fresh id and owner arrays: a result keeps the ones it was given (clearAuctionSteps' contract).
    this.ids = [];
    this.owners = [];
    this.buy.length = 0;
    this.priceTicks.length = 0;
    this.lots.length = 0;
    this.zones.length = 0;
  }
}

/** What a {@link WelfareTally} needs to know of the run's markets. */
export interface WelfareSetup {
  /** The scenario's price tick. */
  readonly priceTick: Step;
  /** The zones of the run's markets, in their order. */
  readonly zones: readonly string[];
  /**
   * The fee matrix in price ticks when the markets clear their zones jointly (fee from the
   * sellers' zone to the buyers'), undefined when each zone clears its own auction.
   */
  readonly coupledFeeTicks: ((from: string, to: string) => number) | undefined;
  /**
   * The markets' link capacities (`tariff.zoneCapacity`, kWh per interval) when they clear
   * jointly with some; the reference clearing honours the same.
   */
  readonly capacity?: Record<string, Record<string, number | string>> | undefined;
  /** The run's mechanism. */
  readonly mechanism: string | AuctionMechanism;
}

/**
 * Market efficiency's numerator and denominator for a run, in price ticks x Wh (exact bigints):
 * the welfare the clearings reached (gains from trade at the orders' limit prices, net of the
 * fees clearing charges), and the most welfare the same orders allowed. The maximum comes from
 * the library's own efficient clearing rather than a solver of its own: when the mechanism
 * declares itself efficient ({@link declaresEfficient}) its welfare is the maximum and nothing is
 * cleared twice; otherwise each interval's orders are cleared a second time with the uniform
 * mechanism under the same rules (the same groups of zones, the same fees, self trades
 * prevented as the market prevents them, the same link capacities), which is efficient (zonal
 * transport with fees and capacities). With link capacities the maximum is the capacitated one:
 * the market's own sense of efficiency, in which the built-in uniform and discriminatory
 * mechanisms stay efficient.
 */
export class WelfareTally {
  /** Welfare reached, price ticks x Wh. */
  reached = 0n;
  /** The most welfare the orders allowed, price ticks x Wh. */
  efficient = 0n;
  /** The welfare unit (one price tick times one Wh) as a decimal. */
  private readonly unit: InstanceType<typeof Exact>;
  /** The price tick as text, to recognise results counted in the same unit. */
  private readonly tickText: string;
  /** Resolved options of the reference clearing; undefined when the mechanism is efficient. */
  private readonly reference: ResolvedAuctionOptions | undefined;
  /** Per zone, this interval's orders in the order they were submitted. */
  private readonly groups: OrderColumns[];
  private readonly groupOf = new Map<string, number>();
  /** Whether the zones clear jointly (the market's auction input: zone by zone, in zone order). */
  private readonly coupled: boolean;

  constructor(setup: WelfareSetup) {
    this.unit = new Exact(setup.priceTick.text).times(WH);
    this.tickText = setup.priceTick.text;
    const coupled = setup.coupledFeeTicks;
    setup.zones.forEach((z, i) => this.groupOf.set(z, i));
    this.groups = setup.zones.map(() => new OrderColumns());
    this.coupled = coupled !== undefined;
    if (declaresEfficient(setup.mechanism)) {
      this.reference = undefined;
    } else {
      const fee = (ticks: number): number | string => stepsInput(ticks, setup.priceTick);
      const zones = setup.zones;
      this.reference = resolveAuctionOptions({
        mechanism: 'uniform',
        priceTick: setup.priceTick.text,
        quantityStep: WH,
        selfTrade: 'prevent',
        ...(coupled === undefined
          ? {}
          : {
              zones: {
                fees: Object.fromEntries(zones.map((a) => [a, Object.fromEntries(zones.map((b) => [b, fee(coupled(a, b))]))])),
                ...(setup.capacity === undefined ? {} : { capacity: setup.capacity }),
              },
            }),
      });
    }
  }

  /** Whether the run must hand its orders over ({@link WelfareTally.order}): the mechanism is not efficient. */
  get wantsOrders(): boolean {
    return this.reference !== undefined;
  }

  /** Notes one order of the interval (only when {@link WelfareTally.wantsOrders}). */
  order(id: string, owner: string, zone: string, buy: boolean, priceTicks: number, lots: number): void {
    const g = this.groups[this.groupOf.get(zone) as number] as OrderColumns;
    g.ids.push(id);
    g.owners.push(owner);
    g.buy.push(buy);
    g.priceTicks.push(priceTicks);
    g.lots.push(lots);
    g.zones.push(zone);
  }

  /** Adds the welfare one clearing reached (and, for an efficient mechanism, the maximum). */
  cleared(result: AuctionResult): void {
    const units = this.unitsOf(result);
    this.reached += units;
    if (this.reference === undefined) this.efficient += units;
  }

  /** The welfare reached so far as the decimal sum of the auctions' welfare ({@link cleared}): exact, since each is whole units. */
  reachedDecimal(): string {
    return new Exact(this.reached.toString()).times(this.unit).toFixed();
  }

  /**
   * Clears the interval's noted orders with the reference mechanism, group by group, adds their
   * welfare to the maximum, and forgets them. Nothing to do for an efficient mechanism.
   */
  endInterval(): void {
    const o = this.reference;
    if (o === undefined) return;
    const clear = (g: OrderColumns): void => {
      const count = g.ids.length;
      if (count === 0) return;
      const r = clearAuctionSteps({ count, ids: g.ids, owners: g.owners, buy: g.buy, priceTicks: g.priceTicks, lots: g.lots, zones: g.zones }, o);
      this.efficient += this.unitsOf(r);
    };
    if (this.coupled) {
      const all = new OrderColumns();
      // A loop, not push(...g.ids): a spread of a hundred thousand orders passes the argument limit.
      for (const g of this.groups) {
        for (let i = 0; i < g.ids.length; i++) {
          all.ids.push(g.ids[i] as string);
          all.owners.push(g.owners[i] as string);
          all.buy.push(g.buy[i] as boolean);
          all.priceTicks.push(g.priceTicks[i] as number);
          all.lots.push(g.lots[i] as number);
          all.zones.push(g.zones[i] as string);
        }
      }
      clear(all);
    } else {
      for (const g of this.groups) clear(g);
    }
    for (const g of this.groups) g.reset();
  }

  /**
   * A result's welfare as a whole number of units (price tick x Wh). The library's own results
   * hold it as such (in their price tick times their quantity step: the same unit when those are
   * the scenario's tick and Wh, as the run's markets' are): read so, it costs no Decimal
   * arithmetic, which an interval's clearings otherwise paid.
   */
  private unitsOf(result: AuctionResult): bigint {
    if (result instanceof AuctionOutcome) {
      const w = result.welfareUnits();
      if (w.tick.text === this.tickText && w.step.text === WH) return w.units;
    }
    return this.units(result.welfare);
  }

  /** A welfare in the currency as a whole number of units (price tick x Wh); it always is one. */
  private units(welfare: Decimal): bigint {
    const u = new Exact(welfare.toString()).div(this.unit);
    // (bid - ask - fee) x quantity is whole ticks times whole Wh: anything else is a defect.
    if (!u.isInteger()) throw new Error(`runSimulation: an auction's welfare ${welfare.toString()} is not a whole number of price ticks x Wh`);
    return BigInt(u.toFixed(0));
  }
}
