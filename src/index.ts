/**
 * wattmarket: the trading core for local peer-to-peer energy markets.
 *
 * Everything public is named here; anything not exported from this file is private.
 * @packageDocumentation
 */
export { Decimal } from 'decimal.js';

export { ErrorCode } from './errors/error-codes.js';
export { WattError } from './errors/watt-error.js';
export type { ValueErrorReason } from './errors/watt-error.js';

export type { DecimalInput } from './units/decimal-input.js';
export { DecimalGrid } from './units/decimal-grid.js';
export type { DecimalGridOptions } from './units/decimal-grid.js';
export { ROUNDING_MODES } from './units/rounding.js';
export type { RoundingMode } from './units/rounding.js';

export { createRandom, SeededRandom } from './random/random.js';
export type { Random } from './random/random.js';
export { ManualClock } from './time/clock.js';
export type { Clock } from './time/clock.js';

export { defineBattery } from './assets/battery.js';
export type { BatteryOptions, BatterySpec } from './assets/battery.js';
export { defineEv } from './assets/electric-vehicle.js';
export type { EvOptions, EvSession, EvSessionOptions, EvSpec } from './assets/electric-vehicle.js';
export { defineSwapStation } from './assets/swap-station.js';
export type { SwapStationOptions, SwapStationSpec } from './assets/swap-station.js';
export { defineSolarPv } from './assets/solar-pv.js';
export type { SolarPvOptions, SolarPvSpec } from './assets/solar-pv.js';
export type { CloudClimate } from './assets/cloud-model.js';
export { defineLoad, LOAD_KINDS } from './assets/load-profile.js';
export type { LoadKind, LoadOptions, LoadSpec } from './assets/load-profile.js';
export { defineGridConnection } from './assets/grid-connection.js';
export type { GridConnectionOptions, GridConnectionSpec } from './assets/grid-connection.js';
export type { CalendarDate } from './time/calendar.js';

export type { AgentContext, AgentOrder, AgentState, BiddingStrategy, StorageView } from './agents/bidding-strategy.js';
export { truthfulStrategy } from './agents/truthful-strategy.js';
export { zeroIntelligenceStrategy } from './agents/zero-intelligence-strategy.js';
export { storageArbitrageStrategy } from './agents/storage-arbitrage-strategy.js';
export { evDeadlineStrategy } from './agents/ev-deadline-strategy.js';
export { BUILT_IN_STRATEGIES } from './agents/strategy-registry.js';

export { Ledger } from './ledger/ledger.js';
export { LedgerEntry } from './ledger/ledger-entry.js';
export { TransferInfo } from './ledger/transfer-info.js';
export type { TransferStatus } from './ledger/transfer-info.js';
export type {
  AccountInfo,
  AccountInput,
  BatchOptions,
  BatchTransferInput,
  LedgerAsset,
  LedgerOperation,
  LedgerOptions,
  OperationResult,
  SequenceRange,
  TransferInput,
  TransferResult,
} from './ledger/ledger-types.js';
export type { EntryKindName } from './ledger/ledger-state.js';
export type { JournalFormat } from './ledger/journal-export.js';
export type { Statement, StatementLine } from './ledger/statement.js';
export type { BalanceMismatch, VerifyReport } from './ledger/ledger-verify.js';
export type { LedgerSnapshot, SnapshotAccount, SnapshotAsset, SnapshotBatch, SnapshotEntry } from './ledger/ledger-snapshot.js';

export { settleInterval } from './settlement/settle-interval.js';
export { openSettlementAccounts } from './settlement/open-settlement-accounts.js';
export type { SettlementAccountsInput } from './settlement/open-settlement-accounts.js';
export { ParticipantSettlement } from './settlement/settlement-result.js';
export type { SettlementResult, SettlementTotals } from './settlement/settlement-result.js';
export type {
  GridFee,
  IntervalSettlementInput,
  MeterReading,
  SettlementAccounts,
  SettlementOptions,
  SettlementRounding,
  SettlementTrade,
  Tariff,
} from './settlement/settlement-types.js';
export { Collateral } from './settlement/collateral.js';
export type {
  CollateralBuyOrder,
  CollateralFill,
  CollateralFillResult,
  CollateralOptions,
  CollateralReservation,
  CollateralSellOrder,
} from './settlement/collateral.js';

export { clearAuction } from './auction/clear-auction.js';
export type { AuctionOrder } from './auction/auction-order.js';
export type { AuctionOptions, AuctionZones } from './auction/auction-options.js';
export type { AuctionResult, AuctionTrade, AuctionFill, CurveStep, ClearingInterval, ZonePrice } from './auction/auction-result.js';
export type {
  AuctionMechanism,
  MechanismProperties,
  MechanismContext,
  MechanismAllocation,
  AllocationTrades,
  TickInterval,
  ZoneTickPrices,
  Rationing,
  ExactFraction,
  MechanismSupport,
} from './auction/mechanism.js';
export type { NormalisedOrders, NormalisedSide } from './auction/normalised-orders.js';
export { AllocationBuilder } from './auction/allocation-builder.js';
export { BUILT_IN_MECHANISMS, MECHANISM_NAMES, MECHANISM_PROPERTIES } from './auction/mechanisms/built-in-mechanisms.js';
export type { BuiltInMechanismName } from './auction/mechanisms/built-in-mechanisms.js';

export { OrderBook } from './order-book/order-book.js';
export type { OrderBookOptions, PriceBand } from './order-book/order-book-options.js';
export type {
  OrderInput,
  OrderChange,
  Side,
  OrderType,
  TimeInForce,
  SelfTradeMode,
  SubmitCancelReason,
  OrderCancelReason,
} from './order-book/order-types.js';
export type {
  SubmitResult,
  RestingSubmitResult,
  FilledSubmitResult,
  CancelledSubmitResult,
  SubmitStatus,
} from './order-book/submit-result.js';
export type { Trade } from './order-book/trade.js';
export type { RestingOrder } from './order-book/resting-order.js';
export type { BookDepth, DepthLevel } from './order-book/book-depth.js';
export type {
  OrderBookEvents,
  OrderBookEventName,
  OrderAcceptedEvent,
  OrderFilledEvent,
  OrderCancelledEvent,
  OrderAmendedEvent,
} from './order-book/book-events.js';
export type { OrderBookSnapshot, SnapshotOptions, SnapshotOrder } from './order-book/book-snapshot.js';

export { Market } from './market/market.js';
export type {
  CurrencyOption,
  FundsTransferInput,
  FundsTransferResult,
  MarketMeterReading,
  MarketParticipant,
  MarketOptions,
  MarketOrderView,
  ParticipantBalance,
  MarketOrderChange,
  MarketOrderInput,
  MarketStepsMeterReading,
  MarketStepsOrderInput,
  MarketSubmitResult,
  MarketTariff,
  MarketTrade,
  MechanismName,
  ParticipantInput,
  ProductInfo,
  ProductMode,
  ProductStatus,
} from './market/market-types.js';
export type {
  AuctionClearedEvent,
  CallPhaseStartedEvent,
  FundsMovedEvent,
  GateClosedEvent,
  IntervalSettledEvent,
  MarketCancelReason,
  MarketEvents,
  OrderAcceptedEvent as MarketOrderAcceptedEvent,
  OrderCancelledEvent as MarketOrderCancelledEvent,
  OrderRejectedEvent,
  ParticipantRegisteredEvent,
} from './market/market-events.js';
export type {
  AdvanceCommand,
  AmendCommand,
  CancelCommand,
  FundsCommand,
  JournalOrder,
  JournalReading,
  JournalValue,
  MarketCommand,
  RegisterCommand,
  SettleCommand,
  PruneCommand,
  SubmitCommand,
} from './market/market-journal.js';

export { runSimulation } from './simulation/run-simulation.js';
export type { SimulationOptions } from './simulation/run-simulation.js';
export { districtScenario } from './simulation/scenarios/district.js';
export type { DistrictOptions } from './simulation/scenarios/district.js';
export type { ParticipantResult, SimulationResult, SimulationSeries, SimulationTotals, TypeResult } from './simulation/simulation-result.js';
export type { Scenario, ScenarioParticipant, ScenarioTariff } from './simulation/scenario-types.js';
export type { EvFleetOptions } from './assets/ev-fleet.js';
export type { SwapRiderOptions } from './assets/swap-riders.js';
export { campusScenario } from './simulation/scenarios/campus.js';
export { BUILT_IN_SCENARIOS, scenarioByName } from './simulation/scenarios/built-in-scenarios.js';
export { seriesToCsv } from './simulation/series-csv.js';

export { renderReport } from './report/render-report.js';
export type { ReportOptions } from './report/report-options.js';
export type { ZoneFlow } from './auction/auction-result.js';
export { netImbalances } from './settlement/imbalance-netting.js';
export type {
  ImbalanceDeviation,
  ImbalanceNettingInput,
  ImbalanceNettingOptions,
  ImbalanceNettingResult,
  NettedCommunity,
  NettedParticipant,
  NettedUtility,
} from './settlement/imbalance-netting.js';

// Market: journal init entry, snapshots, read-only ledger view, time limits (issue 11)
export type { InitCommand } from './market/market-journal.js';
export { MARKET_SNAPSHOT_FORMAT, MARKET_SNAPSHOT_VERSION } from './market/market-snapshot-types.js';
export type { MarketSnapshot, MarketSnapshotInterval, MarketSnapshotOrder, MarketSnapshotParticipant, MarketSnapshotProduct, MarketSnapshotReservation, MarketSnapshotTrade } from './market/market-snapshot-types.js';
export type { MarketLedgerView } from './market/ledger-view.js';
export { TIME_LIMIT } from './market/product-schedule.js';
export { MAX_PRODUCTS_PER_CALL } from './market/market.js';

// Assets as plug-ins: the interface and registry a user needs to write an asset type of their own.
export type { Asset, AssetContext, AssetFlow, AssetMetric, AssetRun, AssetSetup, AssetType } from './assets/asset.js';
export { newAssetFlow } from './assets/asset.js';
export { BUILT_IN_ASSETS } from './assets/asset-registry.js';
export { batteryAsset } from './assets/battery-asset.js';
export { evChargerAsset } from './assets/ev-charger-asset.js';
export { loadAsset } from './assets/load-asset.js';
export { solarPvAsset } from './assets/solar-pv-asset.js';
export { swapStationAsset } from './assets/swap-station-asset.js';
export type { SwapStationPlan } from './assets/swap-station-asset.js';
export { defineHeatStore, heatStoreAsset, HEAT_DEMAND_PROFILES } from './assets/heat-store.js';
export type { HeatDemandProfile, HeatStoreOptions, HeatStoreSpec } from './assets/heat-store.js';
export { campusHeatScenario } from './simulation/scenarios/campus-heat.js';

export { MemoryStore } from './store/memory-store.js';
export type { CommandStore, StoreIdentity, StoreKind, StoredCheckpoint, StoredRecord, StoreRecovery } from './store/store-types.js';
export type {
  BatchCommand,
  ExecuteCommand,
  LedgerCommand,
  LedgerCommandFields,
  LedgerCommandValue,
  OpenAccountCommand,
  PostPendingCommand,
  TimedLedgerCommand,
  TransferCommand,
  VoidPendingCommand,
} from './ledger/ledger-command.js';
export { simulationMetrics } from './simulation/metrics.js';
export type { MetricsInput } from './simulation/metrics.js';
export type { SimulationMetrics } from './simulation/simulation-metrics.js';
export { deriveScenario, scaleScenario } from './sweep/derive-scenario.js';
export type { ScenarioScale } from './sweep/derive-scenario.js';
export { expandSweep, MAX_SWEEP_RUNS } from './sweep/expand-sweep.js';
export { executeSweepRun } from './sweep/execute-run.js';
export { sweepToCsv } from './sweep/sweep-csv.js';
export { renderSweepReport } from './sweep/sweep-report.js';
export type { SweepExecutor } from './sweep/sweep-executor.js';
export type {
  ClearingMode,
  SweepClearing,
  SweepOptions,
  SweepResult,
  SweepRun,
  SweepRunSpec,
  SweepStatistic,
  SweepSummaryRow,
  SweepVariant,
} from './sweep/sweep-types.js';
export { parseScenario } from './scenario-file/parse-scenario.js';
export type { SelfTrade } from './auction/self-trades.js';
export type { ImbalanceNettingMode, ScenarioLink, ScenarioNetwork, ScenarioTransformer } from './simulation/scenario-types.js';
export type { LinkResult, NetworkResult, TransformerResult } from './simulation/network-result.js';
export { campusGridScenario } from './simulation/scenarios/campus-grid.js';
export { scenarioFromData } from './scenario-file/parse-scenario.js';
export type { ScenarioFiles } from './scenario-file/series-files.js';
export { MAX_SERIES_KW, MAX_SERIES_LENGTH } from './assets/measured-series.js';
export type { ExactDecimal } from './units/exact-decimal.js';
export type { MeasuredSeries, MeasuredSeriesSpec } from './assets/measured-series.js';
export type { PriceSeries } from './simulation/tariff-series.js';
export type { ZoneResult } from './simulation/simulation-result.js';
