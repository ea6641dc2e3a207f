// A small seeded pseudo-random generator, so that `--seed N --events M` always produces the same rows
// (the same ids, texts and dates): results stay comparable between runs and machines. Math.random is
// never used by the generator.

/** sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): 128 bits of state, period ≥ 2^32 per seed. */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    // Discard the first outputs: they still carry the structure of the seed.
    for (let i = 0; i < 15; i++) this.next32();
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  next32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  float(): number {
    return this.next32() / 4294967296;
  }

  /** An integer in [min, max] (both included). */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)]!;
  }

  /**
   * Picks with a skew towards the start of the list (index ∝ u^power): a few participants, topics and
   * words are common and most are rare, as in real news text. power = 1 is uniform.
   */
  skewed<T>(items: readonly T[], power: number): T {
    return items[Math.floor(Math.pow(this.float(), power) * items.length)]!;
  }

  /** Picks by weight; `weights` are cumulative (see `cumulative`). */
  weighted<T>(items: readonly T[], cumulativeWeights: readonly number[]): T {
    const total = cumulativeWeights[cumulativeWeights.length - 1]!;
    const x = this.float() * total;
    let i = 0;
    while (cumulativeWeights[i]! <= x) i++;
    return items[i]!;
  }

  /** A random-looking version 4 UUID, as gen_random_uuid() would make, but reproducible. */
  uuid(): string {
    const a = this.next32();
    const b = this.next32();
    const c = this.next32();
    const d = this.next32();
    return (
      hex8(a) +
      '-' +
      hex4(b >>> 16) +
      '-' +
      hex4(((b & 0x0fff) | 0x4000) >>> 0) +
      '-' +
      hex4((((c >>> 16) & 0x3fff) | 0x8000) >>> 0) +
      '-' +
      hex4(c & 0xffff) +
      hex8(d)
    );
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex4 = (x: number) => HEX[(x >>> 8) & 0xff]! + HEX[x & 0xff]!;
const hex8 = (x: number) => hex4(x >>> 16) + hex4(x & 0xffff);

/** Running sums of `weights`, for `Prng.weighted`. */
export function cumulative(weights: readonly number[]): number[] {
  let sum = 0;
  return weights.map((w) => (sum += w));
}

/** A weighted table: values and their cumulative weights, built from `[value, weight]` pairs. */
export interface WeightedTable<T> {
  values: T[];
  weights: number[];
}

export function weightedTable<T>(pairs: readonly (readonly [T, number])[]): WeightedTable<T> {
  return { values: pairs.map(([v]) => v), weights: cumulative(pairs.map(([, w]) => w)) };
}
