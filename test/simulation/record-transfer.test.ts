import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packRecord, unpackRecord } from '../../src/simulation/record-transfer.js';
import type { RunRecord } from '../../src/simulation/run-record.js';

const asRecord = (x: unknown): RunRecord => x as RunRecord;

describe('packRecord / unpackRecord: a run record through a worker message', () => {
  it('moves long arrays of numbers into transferred Float64Arrays, and leaves the rest as it is', () => {
    const long = Array.from({ length: 5000 }, (_, i) => (i % 7 === 0 ? -0 : i * 1.5));
    const short = [1, 2, 3];
    const { message, transfer } = packRecord(asRecord({ a: long, b: short, nested: { soc: [{ id: 'x', soc: long }] }, text: 'w' }));
    const packed = message.packed as { a: unknown; b: unknown; nested: { soc: { soc: unknown }[] } };
    expect(packed.a).toBeInstanceOf(Float64Array);
    expect(packed.nested.soc[0]?.soc).toBeInstanceOf(Float64Array);
    expect(Array.isArray(packed.b)).toBe(true);
    expect(transfer).toHaveLength(2);
  });

  it('property: structured clone with transfer, then unpack, gives the record back exactly (-0, NaN, holes, non-numbers)', () => {
    const value = fc.oneof(fc.double(), fc.integer(), fc.constant(-0), fc.constant(Number.NaN), fc.string({ maxLength: 3 }), fc.constant(undefined));
    const array = fc.oneof(
      fc.array(fc.double(), { minLength: 1020, maxLength: 1100 }),
      fc.array(value, { minLength: 1020, maxLength: 1100 }),
      fc.sparseArray(fc.integer(), { minNumElements: 1000, maxLength: 1100 }),
      fc.array(fc.integer(), { maxLength: 20 }),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.oneof(fc.string({ maxLength: 6 }), fc.constant('__proto__')), fc.oneof(array, fc.record({ values: array }), fc.string())), (record) => {
        const { message, transfer } = packRecord(asRecord(record));
        const received = structuredClone(message, { transfer });
        const back = unpackRecord(received);
        // What the worker's message gave before: a structured clone of the record itself.
        expect(back).toStrictEqual(structuredClone(record));
        // Element by element with Object.is: -0 stays -0, NaN stays NaN.
        for (const [k, v] of Object.entries(record)) {
          if (!Array.isArray(v)) continue;
          const w = (back as unknown as Record<string, unknown[]>)[k] as unknown[];
          for (let i = 0; i < v.length; i++) expect(Object.is(w[i], v[i]) && (i in w) === (i in v)).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('packRecord / unpackRecord: the batteries\' states of charge', () => {
  it('go as the Float64Arrays they are, buffers transferred, and come back equal element for element', () => {
    const soc = Float64Array.from({ length: 3000 }, (_, i) => (i === 5 ? -0 : i === 6 ? Number.NaN : i / 3000));
    const other = new Float64Array(3000).fill(0.25);
    const record = asRecord({ series: Array.from({ length: 2000 }, (_, i) => i), batteries: [{ id: 'b1', soc }, { id: 'b2', soc: other }] });
    const { message, transfer } = packRecord(record);
    expect(transfer).toContain(soc.buffer);
    expect(transfer).toContain(other.buffer);
    expect(transfer).toHaveLength(3);
    const copy = soc.slice();
    const back = unpackRecord(structuredClone(message, { transfer }));
    expect(soc.length).toBe(0); // moved, not copied
    const b1 = back.batteries[0]?.soc as Float64Array;
    expect(Object.prototype.toString.call(b1)).toBe('[object Float64Array]');
    expect(back.batteries.map((b) => b.id)).toEqual(['b1', 'b2']);
    for (let i = 0; i < copy.length; i++) expect(Object.is(b1[i], copy[i])).toBe(true);
    expect(Array.from(back.batteries[1]?.soc ?? [])).toEqual(Array.from({ length: 3000 }, () => 0.25));
    expect((back as unknown as { series: number[] }).series).toEqual(Array.from({ length: 2000 }, (_, i) => i));
  });
});

// Review of the transfer (finding 1): unpack recognised the packed arrays with instanceof, which
// fails for a Float64Array of another realm (the worker's message is read in the realm of the
// port; Jest and vitest's vm pools run the library in a realm of their own): the arrays came back
// as objects and mergeRecords threw.
describe('regression: unpackRecord takes a Float64Array of another realm', () => {
  it('gives a plain array for it', async () => {
    const { runInNewContext } = await import('node:vm');
    const foreign = runInNewContext('new Float64Array([1, -0, 2.5])') as Float64Array;
    expect(foreign instanceof Float64Array).toBe(false);
    const back = unpackRecord({ packed: { series: foreign } }) as unknown as { series: number[] };
    expect(Array.isArray(back.series)).toBe(true);
    expect(back.series).toEqual([1, -0, 2.5]);
    expect(Object.is(back.series[1], -0)).toBe(true);
  });
});
