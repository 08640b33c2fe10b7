import type { Scenario } from '../scenario-types.js';
import { campusScenario } from './campus.js';

/**
 * The campus with its grid limits: the built-in campus (same participants, tariff and weather)
 * whose three feeders each hang on their own transformer and are joined by feeder links of
 * limited capacity (docs/network.md).
 *
 * Limits (kW; the energy of a 15-minute interval is a quarter of it):
 * - academic: a 1,000 kVA transformer at a power factor of 0.8, 800 kW import, 400 kW export;
 * - residential: 630 kVA, 500 kW import, 250 kW export;
 * - mobility (canopy solar, battery, chargers): 250 kVA, 200 kW each way;
 * - links: mobility to academic 200 kW, residential to academic 120 kW, 150 kW on every other
 *   ordered pair.
 * Illustrative figures chosen so that the limits bind at some hours of a typical week (academic
 * and residential imports at the evening and lecture peaks, the mobility hub's export and its
 * link to the academic feeder at the solar noon), not the pilot's data.
 */
export function campusGridScenario(): Scenario {
  const campus = campusScenario();
  return {
    ...campus,
    name: 'campus-grid',
    description:
      `${campus.description} With grid limits: each feeder on its own transformer (academic 800 kW import, residential 500 kW, ` +
      'mobility 200 kW each way) and feeder links of 120 to 200 kW; load beyond a transformer is not served and PV beyond it is curtailed.',
    network: {
      transformers: [
        { zone: 'academic', importKW: 800, exportKW: 400 },
        { zone: 'residential', importKW: 500, exportKW: 250 },
        { zone: 'mobility', importKW: 200, exportKW: 200 },
      ],
      links: [
        { from: 'mobility', to: 'academic', capacityKW: 200 },
        { from: 'residential', to: 'academic', capacityKW: 120 },
        { from: 'academic', to: 'residential', capacityKW: 150 },
        { from: 'academic', to: 'mobility', capacityKW: 150 },
        { from: 'residential', to: 'mobility', capacityKW: 150 },
        { from: 'mobility', to: 'residential', capacityKW: 150 },
      ],
    },
  };
}
