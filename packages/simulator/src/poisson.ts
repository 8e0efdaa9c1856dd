/**
 * Distributions driven by a given uniform number instead of a random generator, so that a
 * draw is a pure function of the hash that feeds it.
 */

/** Poisson(λ) by inverse CDF from u ∈ [0, 1); a normal approximation above λ = 30. */
export function poisson(u: number, lambda: number): number {
  if (!(lambda > 0)) return 0;
  if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normalQuantile(u)));
  let p = Math.exp(-lambda);
  let cdf = p;
  let n = 0;
  // The cap only guards against u rounding past the last representable CDF step.
  while (u >= cdf && n < 200) {
    n++;
    p *= lambda / n;
    cdf += p;
  }
  return n;
}

/** Standard normal quantile (Acklam's rational approximation, |error| < 1.2e-9). */
export function normalQuantile(u: number): number {
  const p = Math.min(1 - 1e-12, Math.max(1e-12, u));
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - lo) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

/** Standard normal CDF (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** Index into cumulative weights `cum` (ascending, last = total) for u ∈ [0, 1). */
export function pick(u: number, cum: readonly number[]): number {
  const x = u * cum[cum.length - 1]!;
  for (let i = 0; i < cum.length; i++) if (x < cum[i]!) return i;
  return cum.length - 1;
}

/** Cumulative sums of weights, for `pick`. */
export function cumulative(weights: readonly number[]): number[] {
  let s = 0;
  return weights.map((w) => (s += w));
}
