import { SOUTHERN_VIETNAM_CLIMATE } from '../../assets/cloud-model.js';
import { ErrorCode } from '../../errors/error-codes.js';
import { checkInteger } from '../../validation/checks.js';
import type { Scenario, ScenarioParticipant } from '../scenario-types.js';

/** Options of {@link districtScenario}. */
export interface DistrictOptions {
  /** How many prosumers (default 1,000). */
  prosumers?: number;
  /** How many feeders they are spread over (default 10); feeders do not trade with each other. */
  feeders?: number;
}

/**
 * A synthetic residential district in southern Vietnam for studies at scale: homes with and
 * without rooftop solar, small offices, home batteries and EV chargers, spread evenly over
 * feeders that each run their own local market (no trading between feeders, so each feeder is an
 * independent market and a run can be split across worker threads by feeder). Same tariff as the
 * campus (EVN average retail price, MoIT surplus figure), a 50 VND/kWh local network fee.
 *
 * The mix, repeating every 20 prosumers: 8 homes with 3 to 6 kWp of solar, 7 homes without, 2
 * offices with 10 kWp, 2 homes with a 10 kWh battery and solar, 1 EV charger (7.4 kW).
 */
export function districtScenario(options: DistrictOptions = {}): Scenario {
  const prosumers = checkInteger(options.prosumers, 1000, 1, 1_000_000, 'districtScenario', 'prosumers', ErrorCode.INVALID_SCENARIO);
  const feeders = checkInteger(options.feeders, 10, 1, 1000, 'districtScenario', 'feeders', ErrorCode.INVALID_SCENARIO);
  const zones = Array.from({ length: feeders }, (_, i) => `feeder-${i + 1}`);
  const participants: ScenarioParticipant[] = [];
  for (let i = 0; i < prosumers; i++) {
    const zone = zones[i % feeders] as string;
    const role = i % 20;
    const id = `p${String(i + 1).padStart(5, '0')}`;
    if (role < 8) {
      participants.push({ id, type: 'home-solar', zone, pv: { capacityKWp: 3 + (i % 4) }, load: { kind: 'home', peakKW: 3 + (i % 3) } });
    } else if (role < 15) {
      participants.push({ id, type: 'home', zone, load: { kind: 'home', peakKW: 2 + (i % 4) } });
    } else if (role < 17) {
      participants.push({ id, type: 'office', zone, pv: { capacityKWp: 10 }, load: { kind: 'office', peakKW: 15 } });
    } else if (role < 19) {
      participants.push({ id, type: 'home-battery', zone, pv: { capacityKWp: 5 }, load: { kind: 'home', peakKW: 4 }, battery: { capacityKWh: 10, maxChargeKW: 5, maxDischargeKW: 5 } });
    } else {
      participants.push({ id, type: 'ev-charger', zone, ev: { batteryKWh: 50, chargerKW: '7.4', arrivalHour: 18, stayHours: 12, visitProbability: [0.8, 0.6] } });
    }
  }
  return {
    name: 'district',
    description:
      `A synthetic residential district in southern Vietnam: ${prosumers} prosumers on ${feeders} independent feeders (homes with and without rooftop solar, ` +
      'small offices, home batteries, EV chargers). Tariff: EVN average retail price 2,204 VND/kWh (Decision 1279/QD-BCT, May 2025), ' +
      'surplus bought at 671 VND/kWh (MoIT 2024 avoided-cost figure), a 50 VND/kWh local network fee.',
    location: { latitude: 10.8, longitude: 106.7, utcOffsetMinutes: 420 },
    startDate: '2025-01-01',
    intervalMinutes: 15,
    currency: { code: 'VND', step: '1' },
    priceTick: '1',
    tariff: { retailPrice: 2204, feedInPrice: 671, localFeePerKWh: 50 },
    climate: SOUTHERN_VIETNAM_CLIMATE,
    zones,
    participants,
  };
}
