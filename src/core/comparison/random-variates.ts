// Random variates the comparison's bootstrap draws from a seeded uniform source: normal, gamma
// and beta. The source comes in as a parameter (src/core/schedule/random.ts), so the same seed
// gives the same verdicts on every machine.
import type { Random } from '../schedule/random';

/** A standard normal deviate (Box-Muller; the uniform is kept away from 0 so the log is finite). */
export function normal(random: Random): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * A Gamma(shape, 1) deviate by Marsaglia and Tsang's method ("A simple method for generating gamma
 * variables", 2000): a few uniforms per draw whatever the shape, which matters here because the
 * shapes are request counts (up to millions). Shapes below 1 use the boost u^(1/shape).
 */
export function gamma(random: Random, shape: number): number {
  if (shape < 1) return gamma(random, shape + 1) * Math.pow(1 - random(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - random();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** A Beta(a, b) deviate, as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
export function beta(random: Random, a: number, b: number): number {
  const x = gamma(random, a);
  const y = gamma(random, b);
  return x / (x + y);
}
