/**
 * The figures beside a duiding: the values of its indicator (else its row's target measure,
 * else kosten), kosten and clients, for its row, scope and period, as known at a peilmaand.
 * Recorded once at writing, and read again as known now, so a duiding written in June says
 * later what it stood beside ("bij schrijven € 4,2 mln, nu € 4,5 mln"). The engine does the
 * work (and memoises it per year and data version); this only picks the duiding's cells.
 */
import type { DuidingContent, DuidingFigures } from '../../contract/api.ts';
import type { IndicatorId } from '../../contract/domain.ts';
import { IndicatorQueryError, type IndicatorEngine } from '../../indicators/index.ts';
import type { RegionConfig } from '../../region/config.ts';
import type { Queryable } from '../../store/store.ts';
import { readVersions } from '../../store/versions.ts';

export type FigureTarget = Pick<DuidingContent, 'segment' | 'gemeente_code' | 'period' | 'indicator'>;

export interface DuidingFigureReader {
  /** The figures as known at `peilmaand` (null: the newest delivered month), read on `conn` for the data version. */
  at(conn: Queryable, target: FigureTarget, peilmaand: string | null): Promise<DuidingFigures>;
  /** The same, for many duiding as known now; the engine computes each year once. */
  now(conn: Queryable, targets: FigureTarget[]): Promise<DuidingFigures[]>;
}

export function indicatorsOf(region: RegionConfig, target: FigureTarget): IndicatorId[] {
  const own = target.indicator ?? region.targets.rows[target.segment]?.measure ?? 'kosten';
  return [...new Set<IndicatorId>([own, 'kosten', 'clients'])];
}

export function createDuidingFigureReader(engine: IndicatorEngine, region: RegionConfig): DuidingFigureReader {
  /** The values of one target in a long form (empty: a year the engine has no figures for). */
  async function valuesOf(target: FigureTarget, peilmaand: string | null) {
    const grain = target.period.length === 7 ? 'month' : 'year';
    try {
      const rows = await engine.values({ year: Number(target.period.slice(0, 4)), grain, ...(peilmaand ? { peilmaand } : {}) });
      const mine = rows.filter((r) => r.segment === target.segment && r.gemeente_code === target.gemeente_code && r.period === target.period);
      return indicatorsOf(region, target).map((indicator) => {
        const cell = mine.find((r) => r.indicator === indicator);
        return { indicator, value: cell?.value ?? null, suppressed: cell?.suppressed ?? false };
      });
    } catch (err) {
      // A year before or after the data, or a peilmaand the engine refuses: no figures, not an error of the write.
      if (err instanceof IndicatorQueryError) return indicatorsOf(region, target).map((indicator) => ({ indicator, value: null, suppressed: false }));
      throw err;
    }
  }

  const newestMonth = async () => (await engine.periods()).newest_peilmaand;

  return {
    async at(conn, target, peilmaand) {
      const [{ data }, values, newest] = await Promise.all([readVersions(conn), valuesOf(target, peilmaand), peilmaand ? null : newestMonth()]);
      return { peilmaand: peilmaand ?? newest, data_version: data, values };
    },
    async now(conn, targets) {
      if (targets.length === 0) return [];
      const [{ data }, newest] = await Promise.all([readVersions(conn), newestMonth()]);
      const values = await Promise.all(targets.map((t) => valuesOf(t, null)));
      return values.map((v) => ({ peilmaand: newest, data_version: data, values: v }));
    },
  };
}
