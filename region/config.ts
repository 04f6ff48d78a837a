/**
 * The region configuration: everything that differs between youth-care regions is data,
 * validated here once. Twente is the default; another region is a folder with the same shape.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DeliveryRhythm, GemeenteCode, ReportingRow, Segment } from '../contract/domain.ts';
import { AGENDA_SOURCE, ReferenceFigure } from '../contract/reference.ts';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'datum als JJJJ-MM-DD');

export const ProductRow = z.object({
  productcode: z.string().regex(/^[A-Za-z0-9]{5}$/),
  productcategorie: z.string().regex(/^\d{2}$/),
  segment: Segment,
  subsegment: z.string().min(1),
  omschrijving: z.string(),
  geldig_van: IsoDate,
  /** Inclusive last day; null = still valid. */
  geldig_tot: IsoDate.nullable(),
});
export type ProductRow = z.infer<typeof ProductRow>;

/**
 * How one gemeente's system deviates from the contract. Converted by configuration, never
 * guessed: iJw-style exports carry eurocents and gemeente codes without `GM`.
 */
export const ExtractAlias = z.object({
  /** source header (case-insensitive, trimmed) → contract column name */
  headers: z.record(z.string(), z.string()).default({}),
  amountsInCents: z.boolean().default(false),
  gemeenteCodeWithoutPrefix: z.boolean().default(false),
});
export type ExtractAlias = z.infer<typeof ExtractAlias>;

export const TargetSetting = z.object({
  measure: z.enum(['kosten', 'instroom']),
  reduction: z.number().gt(0).lt(1),
});

/**
 * When a signal is raised (docs/signals.md): one threshold per kind, and how many signals the
 * list keeps. A region without the block gets these defaults.
 */
export const SignalSettings = z.object({
  /** Kosten to date above the target path by at least this many euros. */
  targetPathMinEur: z.number().min(0).default(250_000),
  /** The latest month outside this many sigmas of its seasonal residual's control limits. */
  trendSigma: z.number().gt(0).default(3),
  /** Months of seasonal residuals the control limits need at least. */
  trendMinMonths: z.number().int().min(6).default(12),
  /** A share at least this many percentage points from the national figure. */
  referenceMinPoints: z.number().min(0).default(5),
  /** A gemeente whose change is at least this many percentage points of the region's change in kosten. */
  contributionMinPoints: z.number().min(0).default(2),
  /** Signals kept, best first. */
  maxSignals: z.number().int().min(1).default(25),
});
export type SignalSettings = z.infer<typeof SignalSettings>;

export const RegionConfig = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  gemeenten: z
    .array(
      z.object({
        code: GemeenteCode,
        name: z.string().min(1),
        inhabitants: z.number().int().positive().optional(),
        /** Monthly unless the region says otherwise (region/rhythm.ts holds what a rhythm means). */
        rhythm: DeliveryRhythm.default('maand'),
      }),
    )
    .min(1),
  products: z.array(ProductRow).min(1),
  targets: z.object({
    baselineYear: z.number().int().min(2000).max(2100),
    statusBand: z.number().min(0).max(1),
    rows: z.partialRecord(ReportingRow, TargetSetting),
  }),
  trajectoryGapDays: z.number().int().min(0).max(365),
  /** herinstroom_pct: a new trajectory counts as a return when the previous one ended at most this many days before. */
  returnWindowDays: z.number().int().min(1).max(3650).default(365),
  privacyThreshold: z.number().int().min(1).max(100),
  /** Claims arrive late: a service month stays provisional until claims up to this many months later were delivered. */
  provisionalLagMonths: z.number().int().min(0).max(24),
  /** keyed by gemeente code */
  extractAliases: z.record(GemeenteCode, ExtractAlias).default({}),
  /** Reference figures shipped with the region (docs/reference.md), seeded into every store it opens. */
  reference: z.array(ReferenceFigure).default([]),
  signals: SignalSettings.default(SignalSettings.parse({})),
});
export type RegionConfig = z.infer<typeof RegionConfig>;

const here = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_REGION_DIR = join(here, 'twente');

/** Parses the `;`-separated product table (the shape of the spec's demo-products.csv). */
export function parseProductTable(text: string): ProductRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines[0].split(';').map((h) => h.trim().toLowerCase());
  return lines.slice(1).map((line, i) => {
    const cells = line.split(';');
    const raw = Object.fromEntries(header.map((h, j) => [h, (cells[j] ?? '').trim()]));
    const parsed = ProductRow.safeParse({ ...raw, geldig_tot: raw.geldig_tot === '' ? null : raw.geldig_tot });
    if (!parsed.success) {
      throw new Error(`producttabel regel ${i + 2}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    }
    return parsed.data;
  });
}

/** The region's reference file: the Agenda's figures, each stamped with the Agenda as source. */
function shippedReference(file: { retrieved_at: string; figures: Record<string, unknown>[] }): unknown[] {
  return file.figures.map((f) => ({ ...f, source_table: AGENDA_SOURCE.table, source_title: AGENDA_SOURCE.title, retrieved_at: file.retrieved_at }));
}

/** Loads a region from a folder holding `region.json` and its product table. */
export function loadRegion(dir: string = process.env.KOERSBORD_REGION ?? DEFAULT_REGION_DIR): RegionConfig {
  const folder = resolve(dir);
  const json = JSON.parse(readFileSync(join(folder, 'region.json'), 'utf8'));
  const { productsFile, referenceFile, ...rest } = json;
  const products = parseProductTable(readFileSync(join(folder, productsFile ?? 'products.csv'), 'utf8'));
  const reference = referenceFile ? shippedReference(JSON.parse(readFileSync(join(folder, referenceFile), 'utf8'))) : [];
  const parsed = RegionConfig.safeParse({ ...rest, products, reference });
  if (!parsed.success) {
    throw new Error(`regioconfiguratie ${folder} is ongeldig: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
  }
  return parsed.data;
}
