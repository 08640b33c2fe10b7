import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import { fnv1a } from '../hashing/string-hash.js';

/**
 * A deterministic source of randomness. The simulation and the agents take one of these instead
 * of calling `Math.random`, so a run is reproduced exactly from its seed.
 */
export interface Random {
  /** A uniformly distributed unsigned 32-bit integer. */
  nextUint32(): number;
  /** A uniformly distributed integer in `[min, max]` (both safe integers, no modulo bias). */
  nextInt(min: number, max: number): number;
  /** A uniformly distributed double in `[0, 1)` with 53 random bits. */
  nextFloat(): number;
  /** `true` with probability `p` (default 0.5). */
  nextBoolean(p?: number): boolean;
  /** A standard normal variate (Box-Muller), for forecast errors and noise. */
  nextGaussian(): number;
  /**
   * An independent generator derived from this one's seed and `label`. It does not advance this
   * generator, so forks made in any order (or in other threads) give the same streams.
   */
  fork(label: string | number): Random;
}

/**
 * xoshiro128** (Blackman and Vigna), seeded through splitmix32. Small, fast, with a period of
 * 2^128 - 1 and good statistical quality for simulation; not for cryptography.
 *
 * @example
 * ```ts
 * const rng = createRandom(1);
 * rng.nextInt(1, 6); // the same sequence for seed 1, on every machine
 * ```
 */
export class SeededRandom implements Random {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private readonly seedKey: string;
  /**
   * The second variate of the last Box-Muller pair, when {@link hasSpare}. A number field with a
   * flag beside it, not `number | undefined`: a field that also holds undefined keeps its doubles
   * boxed, one heap number made per draw (tens of millions in a district year).
   */
  private spareGaussian = 0;
  private hasSpare = false;

  /**
   * @param seed - a safe integer or a non-empty string.
   * @throws WattError INVALID_SEED for anything else.
   */
  constructor(seed: number | string) {
    if (typeof seed === 'number' ? !Number.isSafeInteger(seed) : typeof seed !== 'string' || seed === '') {
      fail(ErrorCode.INVALID_SEED, 'SeededRandom', `seed must be a safe integer or a non-empty string, got ${String(seed)}`);
    }
    this.seedKey = typeof seed === 'number' ? `n:${seed}` : `s:${seed}`;
    let h = seedHash(this.seedKey);
    const next = (): number => {
      // splitmix32
      h = (h + 0x9e3779b9) | 0;
      let z = h;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // the all-zero state is a fixed point
  }

  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  nextFloat(): number {
    // 21 high bits and 32 bits: 53 bits, the full precision of a double in [0, 1).
    const high = this.nextUint32() >>> 11;
    const low = this.nextUint32();
    return (high * 4294967296 + low) / 9007199254740992;
  }

  nextInt(min: number, max: number): number {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || max < min) {
      fail(ErrorCode.INVALID_RANGE, 'Random.nextInt', `expected safe integers min <= max, got ${min} and ${max}`);
    }
    const span = max - min + 1;
    if (span <= 4294967296) {
      // Rejection sampling removes the modulo bias.
      const limit = 4294967296 - (4294967296 % span);
      let x = this.nextUint32();
      while (x >= limit) x = this.nextUint32();
      return min + (x % span);
    }
    const limit = 9007199254740992 - (9007199254740992 % span);
    let x = this.nextFloat() * 9007199254740992;
    while (x >= limit) x = this.nextFloat() * 9007199254740992;
    return min + (x % span);
  }

  nextBoolean(p = 0.5): boolean {
    return this.nextFloat() < p;
  }

  nextGaussian(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spareGaussian;
    }
    // nextFloat's arithmetic written out: a call of it that is not inlined returns its double
    // boxed (a heap number per draw, one per load and interval of a simulation).
    let u = 0;
    while (u === 0) u = ((this.nextUint32() >>> 11) * 4294967296 + this.nextUint32()) / 9007199254740992;
    const v = ((this.nextUint32() >>> 11) * 4294967296 + this.nextUint32()) / 9007199254740992;
    const radius = Math.sqrt(-2 * Math.log(u));
    this.spareGaussian = radius * Math.sin(2 * Math.PI * v);
    this.hasSpare = true;
    return radius * Math.cos(2 * Math.PI * v);
  }

  fork(label: string | number): Random {
    return new SeededRandom(`${this.seedKey}/${String(label)}`);
  }
}

/**
 * A seeded {@link Random}. The same seed gives the same sequence on every machine.
 * @param seed - a safe integer or a non-empty string.
 * @throws WattError INVALID_SEED for anything else.
 */
export function createRandom(seed: number | string): Random {
  return new SeededRandom(seed);
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * A seed from a string: the library's FNV-1a ({@link fnv1a}), with this finaliser rather than
 * `hashString`'s because every seeded stream (and so every simulation result) was derived
 * with it: changing it would change every published run.
 */
function seedHash(s: string): number {
  let h = fnv1a(s);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}
