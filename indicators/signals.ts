/**
 * What moved (docs/signals.md): the rules that raise a signal, each a pure function of the
 * figures it looks at, and the ranking. A signal's `score` is how far its measure is past the
 * region's threshold for that kind (1 = at the threshold), so one list can rank euros above a
 * target path, sigmas of a control chart and percentage points from a national figure.
 *
 * Trend change: an individuals control chart (Shewhart XmR) on the seasonal difference
 * d(t) = x(t) − x(t − 12), whose centre and sigma (mean moving range / 1.128) come from the
 * two years before the latest two months. The latest month is a signal
 * when it lies beyond k sigma, or the latest two lie beyond ⅔ k sigma on the same side.
 */
import type { Signal, SignalKind } from '../contract/signals.ts';
import type { ReportingRow } from '../contract/domain.ts';
import type { SignalSettings } from '../region/config.ts';
import { ROW_LABELS } from '../contract/rows.ts';

/** The rows as the reasons name them, in the middle of a Dutch sentence: the one label, in lower case. */
const ROW_NAMES = Object.fromEntries(Object.entries(ROW_LABELS).map(([row, label]) => [row, label.toLowerCase()])) as Record<ReportingRow, string>;

const MONTH_NAMES = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
const nl = (decimals: number) => new Intl.NumberFormat('nl-NL', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });

/** `€ 1,2 mln` from a million, whole euros below it: how a room reads an amount. */
export function euroText(v: number): string {
  const sign = v < 0 ? '−' : '';
  const abs = Math.abs(v);
  return abs >= 1e6 ? `${sign}€\u00a0${nl(1).format(abs / 1e6)}\u00a0mln` : `${sign}€\u00a0${nl(0).format(abs)}`;
}
const signed = (text: string, v: number) => (v > 0 ? `+${text}` : text);
const pctText = (v: number) => `${nl(1).format(v).replace('-', '−')}\u00a0%`;
const monthText = (m: string) => `${MONTH_NAMES[Number(m.slice(5, 7)) - 1]} ${m.slice(0, 4)}`;
const scopeText = (name: string, code: string) => (code === 'REGIO' ? `de regio` : name);

export interface ScopeRef {
  segment: ReportingRow;
  /** Gemeente code or REGIO, and how the reason names it. */
  scope: string;
  name: string;
}

const signal = (kind: SignalKind, ref: ScopeRef, period: string, indicator: string, score: number, value: number | null, comparison: number | null, reason: string): Signal => ({
  kind, segment: ref.segment, gemeente_code: ref.scope as Signal['gemeente_code'], period, indicator, score: Math.round(score * 100) / 100, value, comparison, reason,
});

/** Kosten to date above the target path to date by at least the threshold in euros. */
export function targetPathSignal(ref: ScopeRef, t: { year: number; upTo: string; value: number | null; target: number | null }, settings: SignalSettings): Signal | null {
  if (t.value === null || t.target === null) return null;
  const gap = t.value - t.target;
  if (gap < settings.targetPathMinEur || gap <= 0) return null;
  const months = t.upTo.endsWith('-12') ? String(t.year) : `t/m ${monthText(t.upTo)}`;
  return signal('doelpad', ref, String(t.year), 'kosten', gap / Math.max(settings.targetPathMinEur, 1), t.value, t.target,
    `Kosten ${ROW_NAMES[ref.segment]} in ${scopeText(ref.name, ref.scope)} ${euroText(gap)} boven het doelpad ${months} (${euroText(t.value)} tegen een doel van ${euroText(t.target)}).`);
}

/** One month of a monthly series; null when unknown (not delivered, provisional). */
export interface MonthValue {
  period: string;
  value: number | null;
}

export interface ControlChart {
  month: string;
  /** The seasonal difference of the latest month, the chart's centre and sigma, and the latest months' z. */
  difference: number;
  centre: number;
  sigma: number;
  z: number[];
}

/**
 * The control chart of a series' latest month: null when there are too few seasonal
 * differences before it (fewer than `minMonths`) or they do not vary.
 */
export function controlChart(series: MonthValue[], minMonths: number): ControlChart | null {
  const byMonth = new Map(series.map((p) => [p.period, p.value]));
  const shift = (m: string, n: number) => {
    const i = Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1 + n;
    return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
  };
  const known = series.filter((p) => p.value !== null).map((p) => p.period).sort();
  if (!known.length) return null;
  const latest = known[known.length - 1];
  const diff = (m: string) => {
    const a = byMonth.get(m);
    const b = byMonth.get(shift(m, -12));
    return a == null || b == null ? null : a - b;
  };
  // The baseline: the 24 months before the latest two (the past two years), those with a
  // difference; the latest two are what is judged, so they do not move their own limits.
  const base: number[] = [];
  for (let n = 25; n >= 2; n--) {
    const d = diff(shift(latest, -n));
    if (d !== null) base.push(d);
  }
  const last = diff(latest);
  if (last === null || base.length < minMonths) return null;
  const centre = base.reduce((s, d) => s + d, 0) / base.length;
  const ranges = base.slice(1).map((d, i) => Math.abs(d - base[i]));
  const sigma = ranges.reduce((s, r) => s + r, 0) / ranges.length / 1.128;
  if (!(sigma > 0)) return null;
  const before = diff(shift(latest, -1));
  const z = [(last - centre) / sigma, ...(before === null ? [] : [(before - centre) / sigma])];
  return { month: latest, difference: last, centre, sigma, z };
}

/** A change of trend in the latest month of a monthly series (see the module comment). */
export function trendSignal(ref: ScopeRef, indicator: 'kosten' | 'instroom', series: MonthValue[], settings: SignalSettings): Signal | null {
  const c = controlChart(series, settings.trendMinMonths);
  if (!c) return null;
  const k = settings.trendSigma;
  const [z0, z1] = c.z;
  const single = Math.abs(z0) > k;
  const pair = z1 !== undefined && Math.sign(z0) === Math.sign(z1) && Math.abs(z0) > (2 / 3) * k && Math.abs(z1) > (2 / 3) * k;
  if (!single && !pair) return null;
  const value = series.find((p) => p.period === c.month)?.value ?? null;
  const expected = value === null ? null : value - c.difference + c.centre;
  const what = indicator === 'kosten' ? `Kosten ${ROW_NAMES[ref.segment]}` : `Instroom ${ROW_NAMES[ref.segment]}`;
  const amount = (v: number) => (indicator === 'kosten' ? euroText(v) : nl(0).format(v));
  const direction = z0 > 0 ? 'hoger' : 'lager';
  const rule = single ? `meer dan ${nl(0).format(k)} sigma` : `twee maanden op rij meer dan ${nl(1).format((2 / 3) * k)} sigma`;
  return signal('trendbreuk', ref, c.month, indicator, Math.abs(z0) / k, value, expected === null ? null : Math.round(expected * 100) / 100,
    `${what} in ${scopeText(ref.name, ref.scope)}: ${monthText(c.month)} ${direction} dan de afgelopen twee jaar voor die maand doen verwachten (${amount(value ?? 0)}, verwacht ${amount(expected ?? 0)}; ${rule} van de seizoensafwijking).`);
}

/** A share at least the threshold in percentage points from the national figure. */
export function referenceSignal(ref: ScopeRef, f: { year: number; indicator: string; label: string; value: number | null; national: number; nationalYear: number }, settings: SignalSettings): Signal | null {
  if (f.value === null) return null;
  const gap = f.value - f.national;
  if (Math.abs(gap) < settings.referenceMinPoints || gap === 0) return null;
  return signal('landelijk', ref, String(f.year), f.indicator, Math.abs(gap) / Math.max(settings.referenceMinPoints, 0.1), f.value, f.national,
    `${f.label} ${ROW_NAMES[ref.segment]} in ${scopeText(ref.name, ref.scope)} ${pctText(f.value)}, landelijk ${pctText(f.national)} (${f.nationalYear}): ${nl(1).format(Math.abs(gap))} procentpunt ${gap > 0 ? 'hoger' : 'lager'}.`);
}

/** A gemeente whose change is at least the threshold in percentage points of the region's change in kosten. */
export function contributionSignal(
  ref: ScopeRef,
  c: { year: number; change_eur: number | null; contribution_pct: number | null; volume_eur: number | null; intensity_eur: number | null; region_change_pct: number | null },
  settings: SignalSettings,
): Signal | null {
  if (c.change_eur === null || c.contribution_pct === null || c.region_change_pct === null) return null;
  if (Math.abs(c.contribution_pct) < settings.contributionMinPoints || c.contribution_pct === 0) return null;
  const why = c.volume_eur === null || c.intensity_eur === null ? '' : Math.abs(c.volume_eur) >= Math.abs(c.intensity_eur)
    ? `, vooral door ${c.volume_eur > 0 ? 'meer' : 'minder'} cliënten`
    : `, vooral door ${c.intensity_eur > 0 ? 'hogere' : 'lagere'} kosten per cliënt`;
  return signal('bijdrage', ref, String(c.year), 'kosten', Math.abs(c.contribution_pct) / Math.max(settings.contributionMinPoints, 0.1), c.change_eur, c.region_change_pct,
    `${ref.name}: kosten ${ROW_NAMES[ref.segment]} ${signed(euroText(c.change_eur), c.change_eur)}, ${signed(nl(1).format(c.contribution_pct).replace('-', '−'), c.contribution_pct)} procentpunt van de regionale verandering van ${signed(pctText(c.region_change_pct), c.region_change_pct)}${why}.`);
}

/** Best first; ties by kind, row and gemeente so the list is stable. Keeps the region's maximum. */
export function rankSignals(signals: Signal[], settings: SignalSettings): Signal[] {
  return [...signals]
    .sort((a, b) => b.score - a.score || a.kind.localeCompare(b.kind) || a.segment.localeCompare(b.segment) || a.gemeente_code.localeCompare(b.gemeente_code))
    .slice(0, settings.maxSignals);
}
