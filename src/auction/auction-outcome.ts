import type { Decimal } from 'decimal.js';
import { fromSteps, fromUnits } from '../units/from-steps.js';
import type { Step } from '../units/step.js';
import type { AuctionFill, AuctionResult, AuctionTrade, ClearingInterval, CurveStep, ZoneFlow, ZonePrice } from './auction-result.js';
import { linkFlows } from './link-flows.js';
import { crossLots } from './lot-ladder.js';
import { lotInterval } from './mechanisms/lot-kit.js';
import type { MechanismContext, MechanismProperties, TickInterval } from './mechanism.js';
import type { NormalisedOrders, NormalisedSide } from './normalised-orders.js';
import { allocationSums, type AllocationSums, type ClearedAllocation } from './verify-allocation.js';

/** Turns ticks, lots and amounts into Decimals, exactly. */
export class Units {
  // Made on first use: every clearing makes its Units, and most results (a market's gate) never
  // turn an amount into a Decimal, so the two BigInts would be made only to be dropped.
  private amountMultiple: bigint | undefined;

  constructor(
    readonly tick: Step,
    readonly step: Step,
  ) {}

  price(ticks: number): Decimal {
    return fromSteps(ticks, this.tick);
  }

  quantity(lots: number): Decimal {
    return fromSteps(lots, this.step);
  }

  /** An amount held as ticks times lots. */
  amount(units: bigint): Decimal {
    this.amountMultiple ??= BigInt(this.tick.multiple) * BigInt(this.step.multiple);
    return fromUnits(units * this.amountMultiple, this.tick.decimals + this.step.decimals);
  }

  interval(i: TickInterval | undefined): ClearingInterval | undefined {
    return i === undefined ? undefined : { low: this.price(i.low), high: this.price(i.high) };
  }
}

/** A trade whose Decimals are built on first read. */
class TradeView implements AuctionTrade {
  private q: Decimal | undefined;
  private bp: Decimal | undefined;
  private sp: Decimal | undefined;
  private f: Decimal | undefined;

  constructor(
    private readonly units: Units,
    readonly buyOrderId: string,
    readonly sellOrderId: string,
    readonly buyer: string,
    readonly seller: string,
    readonly buyerZone: string | undefined,
    readonly sellerZone: string | undefined,
    readonly quantitySteps: number,
    readonly buyerPriceTicks: number,
    readonly sellerPriceTicks: number,
    readonly feeTicks: number,
  ) {}

  get quantity(): Decimal {
    return (this.q ??= this.units.quantity(this.quantitySteps));
  }
  get buyerPrice(): Decimal {
    return (this.bp ??= this.units.price(this.buyerPriceTicks));
  }
  get sellerPrice(): Decimal {
    return (this.sp ??= this.units.price(this.sellerPriceTicks));
  }
  get fee(): Decimal {
    return (this.f ??= this.units.price(this.feeTicks));
  }

  /** The public fields, for JSON.stringify (Decimals as their text). */
  toJSON(): Record<string, unknown> {
    const { buyOrderId, sellOrderId, buyer, seller, quantity, buyerPrice, sellerPrice, fee, buyerZone, sellerZone } = this;
    return { buyOrderId, sellOrderId, buyer, seller, quantity, buyerPrice, sellerPrice, fee, buyerZone, sellerZone };
  }
}

/** A fill whose Decimals are built on first read. */
class FillView implements AuctionFill {
  private q: Decimal | undefined;
  private fd: Decimal | undefined;
  private r: Decimal | undefined;
  private a: Decimal | undefined;
  private p: Decimal | null | undefined;

  constructor(
    private readonly units: Units,
    readonly orderId: string,
    readonly owner: string,
    readonly side: 'buy' | 'sell',
    readonly zone: string | undefined,
    private readonly lots: number,
    private readonly filledLots: number,
    private readonly amountUnits: bigint,
    private readonly priceTicks: number,
  ) {}

  get quantity(): Decimal {
    return (this.q ??= this.units.quantity(this.lots));
  }
  get filled(): Decimal {
    return (this.fd ??= this.units.quantity(this.filledLots));
  }
  get remaining(): Decimal {
    return (this.r ??= this.units.quantity(this.lots - this.filledLots));
  }
  get amount(): Decimal {
    return (this.a ??= this.units.amount(this.amountUnits));
  }
  get price(): Decimal | undefined {
    // null caches "no single price".
    this.p ??= Number.isNaN(this.priceTicks) ? null : this.units.price(this.priceTicks);
    return this.p ?? undefined;
  }

  /** The public fields, for JSON.stringify (Decimals as their text). */
  toJSON(): Record<string, unknown> {
    const { orderId, owner, side, zone, quantity, filled, remaining, amount, price } = this;
    return { orderId, owner, side, zone, quantity, filled, remaining, amount, price };
  }
}

class StepView implements CurveStep {
  private p: Decimal | undefined;
  private q: Decimal | undefined;

  constructor(
    private readonly units: Units,
    private readonly ticks: number,
    private readonly lots: number,
  ) {}

  get price(): Decimal {
    return (this.p ??= this.units.price(this.ticks));
  }
  get quantity(): Decimal {
    return (this.q ??= this.units.quantity(this.lots));
  }

  /** The public fields, for JSON.stringify. */
  toJSON(): Record<string, unknown> {
    return { price: this.price, quantity: this.quantity };
  }
}

/** The {@link AuctionResult} of one clearing: integers inside, Decimals built when read. */
export class AuctionOutcome implements AuctionResult {
  readonly mechanism: string;
  readonly properties: MechanismProperties;
  private sums: AllocationSums | undefined;
  private cache: {
    price?: Decimal | undefined;
    volume?: Decimal;
    trades?: readonly AuctionTrade[];
    fills?: readonly AuctionFill[];
    demand?: readonly CurveStep[];
    supply?: readonly CurveStep[];
    interval?: ClearingInterval | undefined;
    zonePrices?: readonly ZonePrice[];
    flows?: readonly ZoneFlow[];
  } = {};

  constructor(
    name: string,
    properties: MechanismProperties,
    private readonly orders: NormalisedOrders,
    private readonly context: MechanismContext,
    private readonly allocation: ClearedAllocation,
    private readonly units: Units,
  ) {
    this.mechanism = name;
    this.properties = properties;
  }

  get price(): Decimal | undefined {
    if (!('price' in this.cache)) {
      const p = this.allocation.price;
      this.cache.price = p === undefined || this.allocation.volume === 0 ? undefined : this.units.price(p);
    }
    return this.cache.price;
  }

  get volume(): Decimal {
    return (this.cache.volume ??= this.units.quantity(this.allocation.volume));
  }

  get welfare(): Decimal {
    return this.units.amount(this.allocationSums().welfare);
  }

  get surplus(): Decimal {
    return this.units.amount(this.allocationSums().surplus);
  }

  get fees(): Decimal {
    return this.units.amount(this.allocationSums().fees);
  }

  get congestionRent(): Decimal {
    return this.units.amount(this.allocationSums().congestionRent);
  }

  get flows(): readonly ZoneFlow[] {
    return (this.cache.flows ??= Object.freeze(
      linkFlows(this.allocation.source.trades, this.orders, this.context, this.allocation.withheld).map((f) => {
        const cap = this.context.capacity?.[f.from * this.context.zoneCount + f.to] ?? Infinity;
        return Object.freeze({
          from: this.context.zones[f.from] ?? '',
          to: this.context.zones[f.to] ?? '',
          quantity: this.units.quantity(f.lots),
          capacity: cap === Infinity ? undefined : this.units.quantity(cap),
          congested: f.full,
          congestionRent: this.units.amount(f.rent),
        });
      }),
    ));
  }

  get trades(): readonly AuctionTrade[] {
    return (this.cache.trades ??= Object.freeze(this.buildTrades()));
  }

  get fills(): readonly AuctionFill[] {
    return (this.cache.fills ??= Object.freeze(this.buildFills()));
  }

  get demand(): readonly CurveStep[] {
    return (this.cache.demand ??= Object.freeze(this.curve(this.orders.bids)));
  }

  get supply(): readonly CurveStep[] {
    return (this.cache.supply ??= Object.freeze(this.curve(this.orders.asks)));
  }

  get interval(): ClearingInterval | undefined {
    if (!('interval' in this.cache)) {
      const { bids, asks } = this.orders;
      this.cache.interval =
        this.context.zones.length > 0 ? undefined : this.units.interval(this.allocation.interval ?? lotInterval(this.orders, crossLots(bids, asks, 0), 0));
    }
    return this.cache.interval;
  }

  get zonePrices(): readonly ZonePrice[] {
    return (this.cache.zonePrices ??= Object.freeze(
      (this.allocation.zonePrices ?? []).map((z) => ({
        zone: this.context.zones[z.zone] ?? '',
        buyerPrice: z.buyerPrice === undefined || this.allocation.volume === 0 ? undefined : this.units.price(z.buyerPrice),
        sellerPrice: z.sellerPrice === undefined || this.allocation.volume === 0 ? undefined : this.units.price(z.sellerPrice),
        buyerInterval: this.units.interval(z.buyerInterval),
        sellerInterval: this.units.interval(z.sellerInterval),
      })),
    ));
  }

  /**
   * The number of trades, read without building them ({@link AuctionResult.trades} makes an
   * object per trade): with the accessors below, how the market turns each trade into its own
   * record. Trade `i` here is `trades[i]`.
   * @internal
   */
  get tradeCount(): number {
    return this.allocation.source.trades.count;
  }

  /** The input position of trade `i`'s bid: `ids[tradeBuyInput(i)]` is its `buyOrderId`. @internal */
  tradeBuyInput(i: number): number {
    return this.orders.bids.input[this.allocation.source.trades.bid[i] as number] as number;
  }

  /** The input position of trade `i`'s ask. @internal */
  tradeSellInput(i: number): number {
    return this.orders.asks.input[this.allocation.source.trades.ask[i] as number] as number;
  }

  /** Trade `i`'s `quantitySteps`. @internal */
  tradeLots(i: number): number {
    return this.allocation.source.trades.quantity[i] as number;
  }

  /** Trade `i`'s `buyerPriceTicks`. @internal */
  tradeBuyerTicks(i: number): number {
    return this.allocation.source.trades.buyerPrice[i] as number;
  }

  /** Trade `i`'s `sellerPriceTicks`. @internal */
  tradeSellerTicks(i: number): number {
    return this.allocation.source.trades.sellerPrice[i] as number;
  }

  /** Trade `i`'s `feeTicks`. @internal */
  tradeFeeTicks(i: number): number {
    const t = this.allocation.source.trades;
    return this.context.fees[(this.orders.asks.zone[t.ask[i] as number] as number) * this.context.zoneCount + (this.orders.bids.zone[t.bid[i] as number] as number)] as number;
  }

  /** Trade `i`'s `buyerZone`. @internal */
  tradeBuyerZone(i: number): string | undefined {
    return this.zoneName(this.orders.bids.zone[this.allocation.source.trades.bid[i] as number] as number);
  }

  /**
   * The welfare as a whole number of units (one price tick times one quantity step) and those
   * steps: {@link welfare} without making a Decimal of it. @internal
   */
  welfareUnits(): { readonly units: bigint; readonly tick: Step; readonly step: Step } {
    return { units: this.allocationSums().welfare, tick: this.units.tick, step: this.units.step };
  }

  /** The public fields, for JSON.stringify (Decimals as their text); trades and fills in full. */
  toJSON(): Record<string, unknown> {
    const { mechanism, properties, price, volume, trades, welfare, surplus, fees, congestionRent, flows, fills, demand, supply, interval, zonePrices } = this;
    return { mechanism, properties, price, volume, trades, welfare, surplus, fees, congestionRent, flows, fills, demand, supply, interval, zonePrices };
  }

  private allocationSums(): AllocationSums {
    return (this.sums ??= allocationSums(this.allocation.source.trades, this.orders, this.context, this.allocation.withheld));
  }

  private zoneName(z: number): string | undefined {
    return this.context.zones.length === 0 ? undefined : this.context.zones[z];
  }

  private buildTrades(): AuctionTrade[] {
    const { bids, asks, ids, owners } = this.orders;
    const t = this.allocation.source.trades;
    const Z = this.context.zoneCount;
    const out = new Array<AuctionTrade>(t.count);
    for (let i = 0; i < t.count; i++) {
      const b = t.bid[i] as number;
      const a = t.ask[i] as number;
      const bi = bids.input[b] as number;
      const ai = asks.input[a] as number;
      const bz = bids.zone[b] as number;
      const az = asks.zone[a] as number;
      out[i] = new TradeView(
        this.units,
        ids[bi] as string,
        ids[ai] as string,
        owners[bi] as string,
        owners[ai] as string,
        this.zoneName(bz),
        this.zoneName(az),
        t.quantity[i] as number,
        t.buyerPrice[i] as number,
        t.sellerPrice[i] as number,
        this.context.fees[az * Z + bz] as number,
      );
    }
    return out;
  }

  private buildFills(): AuctionFill[] {
    const { bids, asks, ids, owners } = this.orders;
    const n = ids.length;
    const out = new Array<AuctionFill>(n);
    const t = this.allocation.source.trades;
    // Per side position: the amount paid or received (exact), and the one price of its trades.
    const bidAmount = new Amounts(bids.count);
    const askAmount = new Amounts(asks.count);
    for (let i = 0; i < t.count; i++) {
      bidAmount.add(t.bid[i] as number, t.buyerPrice[i] as number, t.quantity[i] as number);
      askAmount.add(t.ask[i] as number, t.sellerPrice[i] as number, t.quantity[i] as number);
    }
    this.fillSide(out, bids, 'buy', this.allocation.bidFill, bidAmount, ids, owners);
    this.fillSide(out, asks, 'sell', this.allocation.askFill, askAmount, ids, owners);
    return out;
  }

  private fillSide(
    out: AuctionFill[],
    side: NormalisedSide,
    name: 'buy' | 'sell',
    fill: Float64Array,
    amounts: Amounts,
    ids: readonly string[],
    owners: readonly string[],
  ): void {
    for (let p = 0; p < side.count; p++) {
      const i = side.input[p] as number;
      out[i] = new FillView(
        this.units,
        ids[i] as string,
        owners[i] as string,
        name,
        this.zoneName(side.zone[p] as number),
        side.quantity[p] as number,
        fill[p] as number,
        amounts.value(p),
        amounts.price(p),
      );
    }
  }

  private curve(side: NormalisedSide): CurveStep[] {
    const out: CurveStep[] = [];
    let cumulative = 0;
    for (let p = 0; p < side.count; p++) {
      cumulative += side.quantity[p] as number;
      const price = side.price[p] as number;
      if (p + 1 < side.count && side.price[p + 1] === price) continue;
      out.push(new StepView(this.units, price, cumulative));
    }
    return out;
  }
}

/** Per-position exact sums of price * lots, and whether all of a position's prices agree. */
class Amounts {
  private readonly small: Float64Array;
  private readonly big = new Map<number, bigint>();
  private readonly prices: Float64Array;

  constructor(n: number) {
    this.small = new Float64Array(n);
    this.prices = new Float64Array(n).fill(NaN);
  }

  add(p: number, price: number, lots: number): void {
    const seen = this.prices[p] as number;
    // NaN marks "no trade yet"; Infinity marks "more than one price".
    if (Number.isNaN(seen)) this.prices[p] = price;
    else if (seen !== price) this.prices[p] = Infinity;
    const product = price * lots;
    const sum = (this.small[p] as number) + product;
    if (Math.abs(product) < 2 ** 52 && Math.abs(sum) < 2 ** 52) {
      this.small[p] = sum;
      return;
    }
    this.big.set(p, (this.big.get(p) ?? 0n) + BigInt(this.small[p] as number) + BigInt(price) * BigInt(lots));
    this.small[p] = 0;
  }

  value(p: number): bigint {
    return (this.big.get(p) ?? 0n) + BigInt(this.small[p] as number);
  }

  price(p: number): number {
    const v = this.prices[p] as number;
    return v === Infinity ? NaN : v;
  }
}
