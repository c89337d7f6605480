// Seeded pseudo-random numbers, so that a run with `@seed` makes the same choices again.
// sfc32 (Chris Doty-Humphrey's small fast counting generator): 128 bits of state, fast in JS,
// good statistical quality for load-test choices. Not for anything secret.

/** A source of uniform numbers in [0, 1). */
export type Random = () => number;

/** Mixes a seed and a stream number into a 32-bit value (splitmix32), so that streams differ. */
function mix(seed: number, stream: number): number {
  let z = (Math.imul(seed | 0, 0x9e3779b9) ^ Math.imul(stream | 0, 0x85ebca6b)) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

/** A generator for one stream of a seed: each virtual user or arrival gets its own stream. */
export function createRandom(seed: number, stream = 0): Random {
  let a = mix(seed, stream);
  let b = mix(seed ^ 0x5bd1e995, stream + 1);
  let c = mix(seed ^ 0x1b873593, stream + 2);
  let d = 1;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // The first outputs of a freshly mixed state are still correlated with the seed: discard them.
  for (let i = 0; i < 12; i++) next();
  return next;
}

/** An integer in [min, max). */
export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min));
}

/** Picks an index with probability proportional to its weight (`cumulative` = running sums). */
export function pickWeighted(random: Random, cumulative: readonly number[]): number {
  const total = cumulative[cumulative.length - 1] ?? 0;
  const target = random() * total;
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((cumulative[middle] ?? 0) > target) high = middle;
    else low = middle + 1;
  }
  return low;
}
