import type { Scenario } from '../../src/index.js';

/**
 * A small scenario of hourly intervals at UTC with a flat tariff: a home with a day of measured
 * load ('a') and a home with 5 kWp of modelled PV ('b'). The scenario-input regression tests vary
 * one field of it at a time: `fields` replace (or add) top-level fields as given, so a test can
 * put any value, a wrong one included, where the scenario has its field.
 */
export function hourlyScenario(fields: Readonly<Record<string, unknown>> = {}): Scenario {
  return {
    name: 'hourly',
    location: { latitude: 10, longitude: 106, utcOffsetMinutes: 0 },
    startDate: '2026-01-01',
    intervalMinutes: 60,
    currency: { code: 'VND', step: '1' },
    priceTick: '1',
    tariff: { retailPrice: 2000, feedInPrice: 700 },
    participants: [
      { id: 'a', type: 'home', load: { series: Array<string>(24).fill('1') } },
      { id: 'b', type: 'home', pv: { capacityKWp: 5 } },
    ],
    ...fields,
  } as unknown as Scenario;
}
