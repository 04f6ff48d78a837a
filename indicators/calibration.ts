/**
 * The figures the engine reports for the calibration list of the issue *Foundation*: region
 * level, one year, unsuppressed (region-level year figures are never suppressed anyway).
 * "All care" counts youths once over every jeugdhulp product (the pseudo-row `totaal`); trajectory
 * figures for all care add up the trajectories of the disjoint rows (verblijf, wonen, ambulant,
 * ambulant_alternatief, crisis, overig), as a trajectory is defined per reporting row.
 * Jeugdbescherming and jeugdreclassering are not jeugdhulp: they have lines of their own,
 * with how many of their youths also had jeugdhulp in the year.
 */
import { DISJOINT_ROWS, JUSTICE_ROWS } from '../contract/domain.ts';
import type { Store } from '../store/store.ts';
import { loadContext } from './context.ts';
import { IndicatorQueryError } from './errors.ts';
import { computeSubsegmentFacts, justiceAlsoInCare, type FactRow } from './facts.ts';
import { factOf, populationForRate } from './longForm.ts';
import { roundTo } from './rules.ts';

export interface CalibrationLine {
  label: string;
  value: number | null;
  unit: '' | '%' | 'dagen' | 'EUR';
}

export async function calibration(store: Store, year: number): Promise<CalibrationLine[]> {
  const ctx = await loadContext(store, { withTotal: true });
  if (!ctx.ledger.years.includes(year)) throw new IndicatorQueryError(`geen gegevens voor ${year}`, 'unknown_period');
  const f = (row: string, y = year) => factOf(ctx, 'REGIO', row, String(y));
  const pct = (n: number, d: number) => (d === 0 ? null : roundTo((100 * n) / d, 1));
  const all = f('totaal');
  const prev = ctx.ledger.years.includes(year - 1) ? f('totaal', year - 1) : null;
  // Jeugdhulp only: the measures of the gecertificeerde instellingen get their own lines.
  const base = DISJOINT_ROWS.filter((r) => !JUSTICE_ROWS.includes(r)).map((r) => f(r));
  const subsegments = await computeSubsegmentFacts(store, { from: year, to: year });
  const measure = (subsegment: string) =>
    subsegments.find((x) => x.scope === 'REGIO' && x.row === 'jeugdbescherming' && x.subsegment === subsegment && x.period === String(year))?.clients ?? 0;
  const youth = populationForRate(ctx, 'REGIO', year);
  const sum = (pickN: (x: FactRow) => number, rows = base) => rows.reduce((s, x) => s + pickN(x), 0);
  const nonCrisis = base.filter((x) => x.row !== 'crisis');
  const started = sum((x) => x.instroom);
  const ended = sum((x) => x.uitstroom);
  const meanLength = ended === 0 ? null : roundTo(sum((x) => (x.dur_mean ?? 0) * x.uitstroom) / ended, 1);
  const lines: CalibrationLine[] = [
    { label: 'jeugdigen met jeugdhulp (alle zorg)', value: all.clients, unit: '' },
    { label: 'jeugdigen 0–17 in de regio', value: youth, unit: '' },
    { label: 'aandeel jeugd met jeugdhulp', value: youth ? roundTo((100 * all.clients) / youth, 1) : null, unit: '%' },
    { label: 'jeugdigen ambulant (zonder alternatieven)', value: f('ambulant').clients, unit: '' },
    { label: 'jeugdigen ambulant alternatief', value: f('ambulant_alternatief').clients, unit: '' },
    { label: 'jeugdigen verblijf', value: f('verblijf').clients, unit: '' },
    { label: 'jeugdigen wonen', value: f('wonen').clients, unit: '' },
    { label: 'jeugdigen wonen + verblijf', value: f('wonen_verblijf').clients, unit: '' },
    { label: 'jeugdigen crisis', value: f('crisis').clients, unit: '' },
    { label: 'gezinsgericht (wonen + verblijf)', value: pct(f('wonen_verblijf').gezins_clients, f('wonen_verblijf').clients), unit: '%' },
    { label: 'start na crisis, alle zorg (zonder crisis zelf)', value: pct(sum((x) => x.crisis_starts, nonCrisis), sum((x) => x.instroom, nonCrisis)), unit: '%' },
    { label: 'start na crisis, verblijf', value: pct(f('verblijf').crisis_starts, f('verblijf').instroom), unit: '%' },
    { label: 'start na crisis, wonen + verblijf', value: pct(f('wonen_verblijf').crisis_starts, f('wonen_verblijf').instroom), unit: '%' },
    { label: 'instroom crisis (trajecten)', value: f('crisis').instroom, unit: '' },
    { label: 'gestarte trajecten alle zorg', value: started, unit: '' },
    { label: 'verwijzer gemeente', value: pct(sum((x) => x.v_gemeente), started), unit: '%' },
    { label: 'verwijzer huisarts', value: pct(sum((x) => x.v_huisarts), started), unit: '%' },
    { label: 'verwijzer GI', value: pct(sum((x) => x.v_gi), started), unit: '%' },
    { label: 'verwijzer medisch', value: pct(sum((x) => x.v_medisch), started), unit: '%' },
    { label: 'verwijzer overig', value: pct(sum((x) => x.v_overig), started), unit: '%' },
    { label: 'beëindigde trajecten alle zorg', value: ended, unit: '' },
    { label: 'gemiddelde trajectduur alle zorg', value: meanLength, unit: 'dagen' },
    ...['verblijf', 'wonen', 'ambulant', 'crisis'].map((row) => ({
      label: `gemiddelde trajectduur ${row}`,
      value: f(row).dur_mean === null ? null : roundTo(f(row).dur_mean as number, 1),
      unit: 'dagen' as const,
    })),
    { label: 'uitgaven alle zorg', value: roundTo(all.kosten, 2), unit: 'EUR' },
    ...['verblijf', 'wonen', 'wonen_verblijf', 'ambulant', 'ambulant_alternatief', 'crisis', 'overig', 'jeugdbescherming', 'jeugdreclassering'].map((row) => ({
      label: `uitgaven ${row}`,
      value: roundTo(f(row).kosten, 2),
      unit: 'EUR' as const,
    })),
    { label: 'jeugdigen met jeugdbescherming', value: f('jeugdbescherming').clients, unit: '' },
    { label: 'aandeel jeugd met jeugdbescherming', value: youth ? pct(f('jeugdbescherming').clients, youth) : null, unit: '%' },
    { label: 'jeugdigen onder ondertoezichtstelling', value: measure('ots'), unit: '' },
    { label: 'jeugdigen met voogdij', value: measure('voogdij'), unit: '' },
    { label: 'jeugdigen met jeugdreclassering', value: f('jeugdreclassering').clients, unit: '' },
    { label: 'jeugdigen met maatregel die ook jeugdhulp hadden', value: await justiceAlsoInCare(store, year), unit: '' },
    { label: `groei uitgaven t.o.v. ${year - 1}`, value: prev && prev.kosten !== 0 ? pct(all.kosten - prev.kosten, prev.kosten) : null, unit: '%' },
  ];
  return lines;
}

export function formatCalibration(year: number, regionName: string, lines: CalibrationLine[]): string {
  const width = Math.max(...lines.map((l) => l.label.length));
  const nl = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 });
  const body = lines.map((l) => `${l.label.padEnd(width)}  ${l.value === null ? '—' : nl.format(l.value)}${l.unit ? ` ${l.unit}` : ''}`);
  return [`Kalibratie ${regionName} ${year} (regio, ongeschoond)`, ...body].join('\n') + '\n';
}
