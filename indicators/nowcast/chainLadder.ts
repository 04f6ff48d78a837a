/**
 * Chain ladder with Mack's standard error, on one development triangle. Pure arithmetic on
 * a triangle that SQL has already aggregated (a few dozen service months × a dozen lags), so
 * it can be checked on paper (tests/indicators/nowcast.test.ts does).
 *
 * Notation (Mack 1993): C[i][L] is what was known of service month i after L months;
 * f_L = Σ C[i][L+1] / Σ C[i][L] over the months that show both (volume-weighted);
 * σ²_L = 1/(n−1) Σ C[i][L] (C[i][L+1]/C[i][L] − f_L)².
 */

export interface Triangle {
  /** cum[i][L]: cumulative value of month i known after L months, for L = 0 … age[i] (capped at the last lag). */
  cum: number[][];
  /** Months of development each month has had at the peilmaand; months are in time order. */
  age: number[];
}

export interface Development {
  /** factors[L] = f_L for L = 0 … lags − 1. */
  factors: number[];
  sigma2: number[];
  /** S_L: the volume at lag L behind f_L. */
  volume: number[];
  /** shares[L]: share of the final figure known after L months; shares[lags] = 1. */
  shares: number[];
  /** How many months showed each factor. */
  months: number[];
}

/**
 * Learns the factors from the `window` most recent months that show each step. A step that
 * no month shows (or only zeros) develops by 1: nothing is known to arrive later.
 */
export function learnDevelopment(t: Triangle, lags: number, window: number): Development {
  const factors: number[] = [];
  const sigma2: (number | null)[] = [];
  const volume: number[] = [];
  const months: number[] = [];
  for (let L = 0; L < lags; L++) {
    const rows = t.cum.map((c, i) => ({ c, age: t.age[i] })).filter((r) => r.age >= L + 1).slice(-window);
    const s0 = rows.reduce((s, r) => s + r.c[L], 0);
    const s1 = rows.reduce((s, r) => s + r.c[L + 1], 0);
    // Nothing known yet at L but something at L + 1: the share known at L is 0 (an infinite step).
    const f = s0 > 0 ? (s1 > 0 ? s1 / s0 : 1) : s1 > 0 ? Infinity : 1;
    const used = rows.filter((r) => r.c[L] > 0);
    factors.push(f);
    volume.push(Math.max(s0, 0));
    months.push(used.length);
    sigma2.push(used.length >= 2 ? used.reduce((s, r) => s + r.c[L] * (r.c[L + 1] / r.c[L] - f) ** 2, 0) / (used.length - 1) : null);
  }
  return { factors, sigma2: fillSigma2(sigma2), volume, months, shares: sharesOf(factors) };
}

/** Mack's extrapolation for steps with fewer than two months: min(σ⁴_{L−1}/σ²_{L−2}, σ²_{L−2}, σ²_{L−1}). */
function fillSigma2(s: (number | null)[]): number[] {
  const out: number[] = [];
  for (let L = 0; L < s.length; L++) {
    const own = s[L];
    if (own !== null) out.push(own);
    else if (L >= 2 && out[L - 2] > 0) out.push(Math.min(out[L - 1] ** 2 / out[L - 2], out[L - 2], out[L - 1]));
    else out.push(L >= 1 ? out[L - 1] : 0);
  }
  return out;
}

/** shares[L] = 1 / Π_{j ≥ L} f_j. */
export function sharesOf(factors: number[]): number[] {
  const shares = new Array<number>(factors.length + 1);
  shares[factors.length] = 1;
  for (let L = factors.length - 1; L >= 0; L--) shares[L] = shares[L + 1] / factors[L];
  return shares;
}

export interface Projection {
  ultimate: number;
  /** Mack's mean squared error of the ultimate (process + parameter). */
  mse: number;
}

/** The final figure of a month known `age` months with value `known`, and Mack's error of it. */
export function project(d: Development, known: number, age: number): Projection {
  const lags = d.factors.length;
  if (age >= lags) return { ultimate: known, mse: 0 };
  let c = known;
  let sum = 0;
  const path: number[] = [];
  for (let L = age; L < lags; L++) {
    path.push(c);
    c *= d.factors[L];
  }
  const ultimate = c;
  if (ultimate <= 0) return { ultimate, mse: 0 };
  for (let L = age; L < lags; L++) {
    const f2 = d.factors[L] ** 2;
    const cL = path[L - age];
    sum += (d.sigma2[L] / f2) * ((cL > 0 ? 1 / cL : 0) + (d.volume[L] > 0 ? 1 / d.volume[L] : 0));
  }
  return { ultimate, mse: ultimate ** 2 * sum };
}

/**
 * Mack's error of the sum of several months' finals: their own errors plus the covariance of
 * the shared factors (the same f_L errs for every month that still has to pass it).
 */
export function totalMse(d: Development, items: { ultimate: number; age: number; mse: number }[]): number {
  let total = items.reduce((s, x) => s + x.mse, 0);
  for (let L = 0; L < d.factors.length; L++) {
    if (d.volume[L] <= 0) continue;
    const open = items.filter((x) => x.age <= L && x.ultimate > 0);
    const sum = open.reduce((s, x) => s + x.ultimate, 0);
    const sq = open.reduce((s, x) => s + x.ultimate ** 2, 0);
    total += ((sum ** 2 - sq) * d.sigma2[L]) / d.factors[L] ** 2 / d.volume[L];
  }
  return total;
}
