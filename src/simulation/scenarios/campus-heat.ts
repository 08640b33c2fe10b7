import type { Scenario } from '../scenario-types.js';
import { campusScenario } from './campus.js';

/**
 * The campus with shiftable heat: the built-in campus plus heat-pump water heaters with hot-water
 * stores for its six dormitories and two canteens (eight more participants, type `hot-water`).
 * Each store must meet a daily hot-water demand shaped by showers and meals; its agent
 * (`ev-deadline` by default) buys what the coming demand needs at retail and heats ahead when
 * local energy is cheap, typically around midday when the campus's solar is in surplus.
 *
 * Sizes: a dormitory of about 300 students draws about 250 kWh of heat a day (some 30 litres a
 * head heated by 30 K plus losses), served by a 12 kW (electric) air-source heat pump with a COP of
 * 3.5 and a store of 250 kWh (about 5,400 litres between 45 and 85 degrees C); a canteen 120 kWh
 * a day, 6 kW, 120 kWh. Plausible figures for the study, not measured ones.
 */
export function campusHeatScenario(): Scenario {
  const campus = campusScenario();
  const dorms = [250, 220, 280, 200, 300, 180].map((kWh, i) => ({ id: `hot-water-d${i + 1}`, zone: 'residential', dailyKWh: kWh, heaterKW: 12, storeKWh: kWh }));
  const canteens = [
    { id: 'hot-water-canteen-north', zone: 'residential', dailyKWh: 120, heaterKW: 6, storeKWh: 120 },
    { id: 'hot-water-canteen-south', zone: 'academic', dailyKWh: 100, heaterKW: 6, storeKWh: 100 },
  ];
  const heaters = [...dorms, ...canteens].map((h) => ({
    id: h.id,
    type: 'hot-water',
    zone: h.zone,
    heatStore: { storeKWh: h.storeKWh, heaterKW: h.heaterKW, cop: '3.5', dailyDemandKWh: h.dailyKWh, profile: 'hot-water' as const },
  }));
  return {
    ...campus,
    name: 'campus-heat',
    description: `${campus.description} With shiftable heat: heat-pump water heaters with hot-water stores for the six dormitories and two canteens (8 more participants), heating ahead when local energy is cheap.`,
    participants: [...campus.participants, ...heaters],
  };
}
