/**
 * Seeded randomness for the synthetic corpus. Every project draws from its own generator, keyed by the
 * seed and the project's index, so a record does not depend on batch size and the first 10 000 projects
 * of a 100 000-project corpus are the 10 000-project corpus.
 *
 * The generator is sfc32 (128-bit state) rather than mulberry32: with a 32-bit state, 100 000 streams of
 * a few hundred draws each overlap often enough to repeat UUIDs (10 000 projects already did).
 */

/** 32-bit hash of a string key, for generators that are named rather than numbered. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const HEX = '0123456789abcdef';
const hex8 = (unit: number) =>
  Math.floor(unit * 4294967296)
    .toString(16)
    .padStart(8, '0');

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d = 1;

  /** Three 32-bit key words (e.g. seed, stream, index) give distinct states for distinct keys. */
  constructor(seed: number, stream = 0, index = 0) {
    this.a = seed | 0;
    this.b = stream | 0;
    this.c = index | 0;
    for (let i = 0; i < 15; i++) this.next();
  }

  /** sfc32: a uniform float in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** Picks by weight: `[[value, weight], …]`. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of choices) total += weight;
    let r = this.next() * total;
    for (const [value, weight] of choices) {
      r -= weight;
      if (r < 0) return value;
    }
    const last = choices[choices.length - 1];
    if (!last) throw new Error('weighted pick from an empty list');
    return last[0];
  }

  /** `count` distinct items (fewer when the list is shorter). */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < count && pool.length > 0) {
      const [item] = pool.splice(Math.floor(this.next() * pool.length), 1);
      if (item !== undefined) out.push(item);
    }
    return out;
  }

  /** Log-uniform between min and max: the spread of real project sizes. */
  logUniform(min: number, max: number): number {
    return Math.exp(Math.log(min) + this.next() * (Math.log(max) - Math.log(min)));
  }

  /** A version-4-shaped UUID whose bits come from this generator, so reruns give the same ids. */
  uuid(): string {
    const a = hex8(this.next());
    const b = hex8(this.next());
    const c = hex8(this.next());
    const d = hex8(this.next());
    const variant = HEX[8 + (Math.floor(this.next() * 4) & 3)];
    return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4, 8)}${d}`;
  }
}
