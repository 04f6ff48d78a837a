/**
 * Assembles the jaarrapport payload from the indicator engine's suppressed API and what the
 * duidingssessies recorded. Nothing is computed here that the engine already computes: the
 * report shows the same numbers, with the same suppression, as the dashboard and the API.
 */
import type { Action, ActionFilter, Duiding, DuidingFilter, Duidingssessie, DuidingssessieFilter } from '../contract/api.ts';
import { INDICATOR_IDS, ROW_ORDER, type ReportingRow, type ScopeCode } from '../contract/domain.ts';
import type { OverviewCard } from '../contract/indicators.ts';
import type { ReferenceFigure } from '../contract/reference.ts';
import { ReportPayload, type ReportCheckSegment, type ReportSignal } from '../contract/report.ts';
import type { IndicatorEngine } from '../indicators/index.ts';
import type { RegionConfig } from '../region/config.ts';

/** What the report reads of the duiding repositories (the server's, or any with these reads). */
export interface DuidingSources {
  duiding: { list(filter: DuidingFilter): Promise<Duiding[]> };
  duidingssessies: { list(filter: DuidingssessieFilter): Promise<Duidingssessie[]> };
  actions: { list(filter: ActionFilter): Promise<Action[]> };
}

export interface ReportSources extends DuidingSources {
  region: RegionConfig;
  engine: IndicatorEngine;
  versions: () => Promise<{ data: number; duiding: number }>;
  /** The national reference of a year (store/reference.ts); without it the report has no national lines. */
  reference?: (year: number) => Promise<ReferenceFigure[]>;
}

/**
 * The scope's year figures beside the national ones where the definitions meet: a national
 * figure of an indicator the engine has, for a reporting row (CBS's totals over all jeugdhulp
 * have no row of ours to stand beside).
 */
async function nationalLines(src: ReportSources, year: number, scope: ScopeCode): Promise<ReportPayload['national']> {
  const figures = ((await src.reference?.(year)) ?? []).filter(
    (f) => f.area === 'NL' && (ROW_ORDER as readonly string[]).includes(f.segment) && (INDICATOR_IDS as readonly string[]).includes(f.indicator),
  );
  if (figures.length === 0) return [];
  const values = await src.engine.values({ year, grain: 'year' });
  return figures.map((f) => {
    const own = values.find((v) => v.gemeente_code === scope && v.segment === f.segment && v.indicator === f.indicator);
    return { segment: f.segment as ReportingRow, indicator: f.indicator as ReportPayload['national'][number]['indicator'], value: own?.value ?? null, suppressed: own?.suppressed ?? false, reference: f };
  });
}

/** The yearly figures of each row in the Do chapter, in the order of `ReportYearSeries`. */
const YEAR_INDICATORS = ['clients', 'instroom', 'uitstroom', 'kosten', 'kosten_per_client', 'einde_volgens_plan_pct', 'herinstroom_pct'] as const;

export function targetRowsOf(region: RegionConfig): ReportingRow[] {
  return ROW_ORDER.filter((row) => region.targets.rows[row]);
}

/**
 * The three main signals: the target rows furthest above their (year-to-date) target path,
 * relative to that target. A hidden value has no status and cannot be a signal.
 */
export function mainSignals(cards: OverviewCard[], count = 3): ReportSignal[] {
  const signals: ReportSignal[] = [];
  for (const card of cards) {
    const t = card.target;
    if (!t || t.value_ytd == null || t.target_ytd == null || t.target_ytd === 0 || !t.status_ytd) continue;
    signals.push({
      segment: card.segment,
      measure: t.measure,
      value: t.value_ytd,
      target: t.target_ytd,
      difference_pct: ((t.value_ytd - t.target_ytd) / t.target_ytd) * 100,
      status: t.status_ytd,
    });
  }
  return signals.sort((a, b) => b.difference_pct - a.difference_pct).slice(0, count);
}

/**
 * The last month the appendix lists: December of the report year, or the peilmaand or the
 * report's own month when earlier. A month after either cannot have been delivered: it is not
 * missing. (A report year after both still lists January.)
 */
export function appendixUntil(year: number, peilmaand: string | null, now: Date): string {
  const thisMonth = now.toISOString().slice(0, 7);
  const until = [`${year}-12`, peilmaand ?? `${year}-12`, thisMonth].sort()[0];
  return until < `${year}-01` ? `${year}-01` : until;
}

/**
 * Which duiding belongs in a report: a region report takes everything recorded on the year
 * (the region and every gemeente: it goes to all municipalities); a gemeente report takes the
 * region's and its own.
 */
const inScope = (scope: ScopeCode) => (d: Duiding) => scope === 'REGIO' || d.gemeente_code === 'REGIO' || d.gemeente_code === scope;

/**
 * The payload is built for its reader: `readerGemeenten` are the gemeenten the reader may see
 * in detail (an account limited to gemeenten; null: the whole region). Everything that names a
 * gemeente (the gemeente list, duiding and its actions, session agendas, the comparison, the
 * completeness appendix, the cards' covered gemeenten) is taken for those gemeenten only, so no
 * later filter has to recognise the payload's shapes (issue 10: nested proposals leaked).
 */
export async function assembleReport(
  src: ReportSources,
  year: number,
  scope: ScopeCode,
  readerGemeenten: readonly string[] | null = null,
  { peilmaand, now = new Date() }: { peilmaand?: string; now?: Date } = {},
): Promise<ReportPayload> {
  const { region, engine } = src;
  const reader = readerGemeenten ? new Set(readerGemeenten) : null;
  const visible = (code: string) => code === 'REGIO' || !reader || reader.has(code);
  if (!visible(scope)) throw new Error(`rapport voor ${scope} gevraagd buiten de gemeenten van de lezer`);
  const gemeenten = region.gemeenten.filter((g) => visible(g.code));
  const named = reader ? gemeenten.map((g) => g.code) : undefined;
  // Every figure as known at the report's peilmaand (default: the newest delivered month).
  const asOf = peilmaand ? { peilmaand } : {};
  const periods = await engine.periods(asOf);
  const cards = await engine.overview({ year, scope, ...asOf }, named);
  const month = cards[0]?.month ?? `${year}-12`;
  const targetRows = targetRowsOf(region);
  // The rows with a target first, as the plan lists them.
  const rows = [...targetRows, ...ROW_ORDER.filter((row) => !targetRows.includes(row))];
  const monthBounds = { from: `${year}-01`, to: `${year}-12`, ...asOf };

  const years = await Promise.all(
    rows.map(async (segment) => {
      // That year and the years before it: a later, unfinished year is no part of a report on this one.
      const series = (indicator: (typeof YEAR_INDICATORS)[number]) => engine.series({ segment, scope, indicator, grain: 'year', to: String(year), ...asOf });
      const [clients, instroom, uitstroom, kosten, kosten_per_client, einde_volgens_plan_pct, herinstroom_pct] = await Promise.all(YEAR_INDICATORS.map(series));
      return { segment, clients, instroom, uitstroom, kosten, kosten_per_client, einde_volgens_plan_pct, herinstroom_pct };
    }),
  );
  const monthlyClients = await Promise.all(
    rows.map(async (segment) => ({ segment, points: await engine.series({ segment, scope, indicator: 'clients', grain: 'month', ...monthBounds }) })),
  );

  const allDuiding = (await src.duiding.list({ year })).filter((d) => inScope(scope)(d) && visible(d.gemeente_code));
  const check: ReportCheckSegment[] = await Promise.all(
    targetRows.map(async (segment) => {
      const measure = region.targets.rows[segment]!.measure;
      const [months, comparison, decomposition] = await Promise.all([
        engine.series({ segment, scope, indicator: measure, grain: 'month', ...monthBounds }),
        // The gemeenten over the cards' months.
        engine.comparison({ segment, year, month, ...asOf }).then((rows) => rows.filter((r) => visible(r.gemeente_code))),
        // Why the kosten changed over the same months (docs/decomposition.md), with the reader's gemeenten.
        engine.decomposition({ segment, scope, year, month: month.endsWith('-12') ? undefined : month, ...asOf }, named),
      ]);
      const duiding = allDuiding.filter((d) => d.segment === segment && d.kind !== 'verbetervoorstel');
      return { segment, measure, months, comparison, decomposition, duiding };
    }),
  );

  const proposals = allDuiding.filter((d) => d.kind === 'verbetervoorstel');
  const actions = proposals.length ? await src.actions.list({}) : [];
  const act = proposals.map((proposal) => ({ proposal, actions: actions.filter((a) => a.duiding_id === proposal.id) }));

  // The sessions the duiding came from, and those its actions moved on in (Act: "lopend sinds sessie B").
  const sessionIds = new Set(
    [...allDuiding.map((d) => d.session_id), ...act.flatMap((p) => p.actions.flatMap((a) => a.history.map((h) => h.session_id)))].filter((id): id is number => id != null),
  );
  const sessions = (sessionIds.size ? (await src.duidingssessies.list({})).filter((s) => sessionIds.has(s.id)) : []).map((s) => ({
    ...s,
    agenda: s.agenda.filter((item) => !item.gemeente_code || visible(item.gemeente_code)),
  }));

  const completenessUntil = appendixUntil(year, periods.peilmaand, now);
  const completeness = await engine.completeness({ ...monthBounds, to: completenessUntil }, named);
  const versions = await src.versions();
  const scopeName = scope === 'REGIO' ? `Regio ${region.name}` : (region.gemeenten.find((g) => g.code === scope)?.name ?? scope);

  return ReportPayload.parse({
    region: { id: region.id, name: region.name },
    year,
    scope,
    scope_name: scopeName,
    gemeenten: gemeenten.map((g) => ({ code: g.code, name: g.name })),
    month,
    generated_at: new Date().toISOString(),
    data_version: versions.data,
    duiding_version: versions.duiding,
    latest_month: periods.latest_month,
    peilmaand: periods.peilmaand,
    completeness_until: completenessUntil,
    baseline_year: region.targets.baselineYear,
    status_band: region.targets.statusBand,
    privacy_threshold: region.privacyThreshold,
    trajectory_gap_days: region.trajectoryGapDays,
    return_window_days: region.returnWindowDays,
    provisional_lag_months: region.provisionalLagMonths,
    targets: targetRows.map((segment) => ({ segment, measure: region.targets.rows[segment]!.measure, reduction: region.targets.rows[segment]!.reduction })),
    cards,
    signals: mainSignals(cards),
    years,
    monthly_clients: monthlyClients,
    check,
    budget: await engine.budget({ year, gemeente: scope, ...asOf }, named),
    national: await nationalLines(src, year, scope),
    sessions,
    act,
    completeness,
  });
}
