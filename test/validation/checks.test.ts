import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/index.js';
import { checkArray, checkBoolean, checkId, checkInteger, checkKnownKeys, checkNoHoles, checkObject, checkOneOf } from '../../src/validation/checks.js';
import { expectWattError } from '../helpers/expect-watt-error.js';

describe('checks', () => {
  it('checkOneOf returns an allowed value, the fallback for undefined, and throws otherwise', () => {
    const modes = ['a', 'b'] as const;
    expect(checkOneOf('b', modes, 'a', 'F', 'mode')).toBe('b');
    expect(checkOneOf(undefined, modes, 'a', 'F', 'mode')).toBe('a');
    const e = expectWattError(() => checkOneOf('c', modes, 'a', 'F', 'mode'), ErrorCode.INVALID_OPTION, { fnName: 'F' });
    expect(e.message).toBe(`F: mode must be 'a', 'b'; got "c"`);
    expectWattError(() => checkOneOf(1, modes, 'a', 'F', 'mode', ErrorCode.UNKNOWN_MECHANISM), ErrorCode.UNKNOWN_MECHANISM);
  });

  it('checkId accepts non-empty strings only', () => {
    expect(checkId('x', 'F', 'id')).toBe('x');
    for (const bad of ['', 1, null, undefined, {}]) expectWattError(() => checkId(bad, 'F', 'id'), ErrorCode.INVALID_ID);
    expectWattError(() => checkId('', 'F', 'owner', ErrorCode.INVALID_OWNER), ErrorCode.INVALID_OWNER);
  });

  it('checkObject, checkArray, checkBoolean and checkInteger refuse the wrong shapes', () => {
    expect(checkObject({ a: 1 }, 'F', 'o')).toEqual({ a: 1 });
    for (const bad of [null, [], 1, 'x']) expectWattError(() => checkObject(bad, 'F', 'o'), ErrorCode.INVALID_ARGUMENT);
    expect(checkArray([1], 'F', 'a')).toEqual([1]);
    expectWattError(() => checkArray({}, 'F', 'a'), ErrorCode.INVALID_ARGUMENT);
    expect(checkBoolean(undefined, true, 'F', 'b')).toBe(true);
    expectWattError(() => checkBoolean('yes', true, 'F', 'b'), ErrorCode.INVALID_OPTION);
    expect(checkInteger(5, 1, 0, 10, 'F', 'n')).toBe(5);
    expect(checkInteger(undefined, 1, 0, 10, 'F', 'n')).toBe(1);
    for (const bad of [11, -1, 1.5, '5', NaN]) expectWattError(() => checkInteger(bad, 1, 0, 10, 'F', 'n'), ErrorCode.INVALID_RANGE);
  });

  it('checkKnownKeys refuses misspelt options', () => {
    checkKnownKeys({ priceTick: 1 }, ['priceTick'], 'F', 'option');
    const e = expectWattError(() => checkKnownKeys({ pricetick: 1 }, ['priceTick'], 'F', 'option'), ErrorCode.INVALID_OPTION);
    expect(e.message).toContain("unknown option 'pricetick'");
  });
});

describe('checkNoHoles', () => {
  it('passes a dense list (undefined entries included) and names the first hole of a sparse one with the code given', () => {
    expect(() => {
      checkNoHoles([1, undefined, 3], 'fn', 'list');
    }).not.toThrow();
    const sparse: number[] = [1];
    sparse[3] = 4;
    expect(expectWattError(() => checkNoHoles(sparse, 'fn', 'list', ErrorCode.INVALID_SCENARIO), ErrorCode.INVALID_SCENARIO, { fnName: 'fn' }).message).toBe('fn: list[1] is missing (the list has a hole there)');
    expectWattError(() => checkNoHoles(new Array<number>(5), 'fn', 'list'), ErrorCode.INVALID_ARGUMENT);
  });

  it('stops at the first hole: a huge sparse list costs nothing', () => {
    const huge: number[] = [];
    huge.length = 2 ** 32 - 1;
    expectWattError(() => checkNoHoles(huge, 'fn', 'list'), ErrorCode.INVALID_ARGUMENT);
  });
});
