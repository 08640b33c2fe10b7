import { SOUTHERN_VIETNAM_CLIMATE } from '../../assets/cloud-model.js';
import type { Scenario, ScenarioParticipant } from '../scenario-types.js';

/**
 * The built-in campus: a university in southern Vietnam modelled on the VIETPULSE pilot at
 * Eastern International University, Binh Duong (about 11.05 N, 106.67 E, UTC+7): rooftop and
 * canopy solar, lecture and lab buildings, dormitories, a stationary battery, EV chargers and two
 * two-way battery swap stations for electric motorbikes, 55 participants on three feeders.
 *
 * Tariff (VND, excluding VAT):
 * - retail 2,204 VND/kWh: EVN's average retail price from 10 May 2025 (2,204.07; Decision
 *   1279/QD-BCT), rounded down to the 1 VND tick;
 * - feed-in 671 VND/kWh: the Ministry of Industry and Trade's 2024 figure for surplus rooftop solar
 *   bought by EVN (its average avoided cost); Decree 135/2024/ND-CP pays the previous year's average
 *   market price, which a user can set instead;
 * - network fees: 50 VND/kWh inside a feeder and 120 VND/kWh between feeders, illustrative figures
 *   chosen for the study, not regulated ones.
 * Sizes (kWp, kW, kWh) are plausible for a mid-sized campus and are not the pilot's data.
 */
export function campusScenario(): Scenario {
  const participants: ScenarioParticipant[] = [];
  const add = (p: ScenarioParticipant): void => {
    participants.push(p);
  };
  // Lecture buildings on the academic feeder.
  const lecture: [number, number][] = [[120, 90], [100, 75], [150, 105], [80, 60], [90, 70], [110, 80], [60, 50], [130, 95]];
  lecture.forEach(([pv, peak], i) => {
    add({ id: `lecture-b${i + 1}`, type: 'lecture', zone: 'academic', pv: { capacityKWp: pv }, load: { kind: 'lecture', peakKW: peak } });
  });
  // Research centres named in the pilot's announcement: Fablab, sustainable solutions, Industry 4.0,
  // advanced manufacturing, cybersecurity.
  const labs: [string, number, number][] = [['fablab', 40, 40], ['sustainable-solutions', 60, 35], ['industry-4', 50, 60], ['advanced-manufacturing', 70, 75], ['cybersecurity', 30, 45]];
  for (const [name, pv, peak] of labs) {
    add({ id: `lab-${name}`, type: 'lab', zone: 'academic', pv: { capacityKWp: pv }, load: { kind: 'lab', peakKW: peak } });
  }
  for (const [i, [pv, peak]] of ([[50, 55], [40, 40], [30, 35]] as const).entries()) {
    add({ id: `office-a${i + 1}`, type: 'office', zone: 'academic', pv: { capacityKWp: pv }, load: { kind: 'office', peakKW: peak } });
  }
  // Dormitories and canteens on the residential feeder.
  const dorms: [number, number][] = [[80, 80], [70, 70], [90, 85], [60, 65], [100, 90], [50, 60]];
  dorms.forEach(([pv, peak], i) => {
    add({ id: `dorm-d${i + 1}`, type: 'dormitory', zone: 'residential', pv: { capacityKWp: pv }, load: { kind: 'dormitory', peakKW: peak } });
  });
  add({ id: 'canteen-north', type: 'canteen', zone: 'residential', pv: { capacityKWp: 40 }, load: { kind: 'canteen', peakKW: 50 } });
  add({ id: 'canteen-south', type: 'canteen', zone: 'academic', pv: { capacityKWp: 30 }, load: { kind: 'canteen', peakKW: 40 } });
  for (let i = 1; i <= 10; i++) {
    add({ id: `staff-home-${i}`, type: 'home', zone: 'residential', pv: { capacityKWp: 5 + (i % 3) }, load: { kind: 'home', peakKW: 5 + (i % 4) } });
  }
  // Mobility hub: canopy solar over parking, the stationary battery, EV chargers, swap stations.
  add({ id: 'canopy-parking-1', type: 'solar-canopy', zone: 'mobility', pv: { capacityKWp: 300 } });
  add({ id: 'canopy-parking-2', type: 'solar-canopy', zone: 'mobility', pv: { capacityKWp: 200 } });
  add({ id: 'battery-main', type: 'battery', zone: 'mobility', battery: { capacityKWh: 1000, maxChargeKW: 500, maxDischargeKW: 500, roundTripEfficiency: '0.9' } });
  add({ id: 'battery-dorm', type: 'battery', zone: 'residential', battery: { capacityKWh: 250, maxChargeKW: 125, maxDischargeKW: 125, roundTripEfficiency: '0.9' } });
  for (let i = 1; i <= 15; i++) {
    const dc = i <= 3;
    add({
      id: `ev-charger-${i}`,
      type: 'ev-charger',
      zone: 'mobility',
      ev: {
        batteryKWh: dc ? 75 : 50,
        chargerKW: dc ? 50 : i % 2 === 0 ? 11 : 7.4,
        vehicleToGrid: i % 3 === 0,
        arrivalHour: 7.5 + (i % 4) * 0.5,
        stayHours: dc ? 3 : 8,
      },
    });
  }
  for (const [i, packs] of [[1, 40], [2, 30]] as const) {
    add({
      id: `swap-station-${i}`,
      type: 'swap-station',
      zone: 'mobility',
      swapStation: { packs, packKWh: '1.7', slotKW: '0.9', stationKW: packs * 0.9, vehicleToGrid: true, riders: { perDay: [packs * 4, packs * 2] } },
    });
  }
  return {
    name: 'campus',
    description:
      'A university campus in southern Vietnam modelled on the VIETPULSE pilot (Eastern International University, Binh Duong): ' +
      '55 participants on three feeders with rooftop and canopy solar, lecture and lab buildings, dormitories, canteens, staff homes, ' +
      'two stationary batteries, 15 EV chargers and two two-way motorbike battery swap stations. Tariff: EVN average retail price ' +
      '2,204 VND/kWh (Decision 1279/QD-BCT, May 2025), surplus solar bought at 671 VND/kWh (MoIT 2024 avoided-cost figure).',
    location: { latitude: 11.05, longitude: 106.67, utcOffsetMinutes: 420 },
    startDate: '2025-04-07',
    intervalMinutes: 15,
    currency: { code: 'VND', step: '1' },
    priceTick: '1',
    tariff: { retailPrice: 2204, feedInPrice: 671, localFeePerKWh: 50, crossZoneFeePerKWh: 120 },
    climate: SOUTHERN_VIETNAM_CLIMATE,
    zones: ['academic', 'residential', 'mobility'],
    participants,
  };
}
