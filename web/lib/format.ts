/**
 * Every number, amount, share and month the user sees is formatted here, once, with the
 * nl-NL conventions (`€ 1.234.567`, `12,5 %`, `maart 2025`). Charts, tooltips, tables and
 * exports all call these functions so the decimal comma never differs between places.
 *
 * Months and days are calendar values (`YYYY-MM`, `YYYY-MM-DD`) handled as text: a month
 * turned into a Date instant shifts by a day east of UTC.
 */

/** Keeps a currency sign or unit on the same line as its number. */
export const NBSP = '\u00a0';

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
const MONTHS_SHORT = ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];

const numberFormats = new Map<number, Intl.NumberFormat>();
function numberFormat(decimals: number): Intl.NumberFormat {
  let f = numberFormats.get(decimals);
  if (!f) {
    f = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: decimals, maximumFractionDigits: decimals, useGrouping: true });
    numberFormats.set(decimals, f);
  }
  return f;
}

/** Dash for a figure that does not exist (a share of nothing), so an empty cell is never read as zero. */
export const MISSING = '–';

/** `1.234.567` or `12,5`; `–` for null. */
export function formatNumber(value: number | null | undefined, decimals = 0): string {
  if (value == null || !Number.isFinite(value)) return MISSING;
  // Intl would print `-0`; a rounded-away negative is zero to a reader.
  const rounded = Number(value.toFixed(decimals));
  return numberFormat(decimals).format(rounded === 0 ? 0 : rounded);
}

/** `€ 1.234.567` (whole euros: the dashboard steers on millions, cents are noise). */
export function formatEuro(value: number | null | undefined, decimals = 0): string {
  if (value == null || !Number.isFinite(value)) return MISSING;
  const text = formatNumber(Math.abs(value), decimals);
  return value < 0 && text !== formatNumber(0, decimals) ? `−€${NBSP}${text}` : `€${NBSP}${text}`;
}

/**
 * `€ 47,6 mln` for cards, charts and the projector, where a room reads the amount at a glance
 * (tables and exports keep whole euros). One unit throughout: `€ 0,45 mln`, never `€ 450 k`,
 * which people misread; amounts below € 10.000 in whole euros.
 */
export function formatEuroCompact(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return MISSING;
  const abs = Math.abs(value);
  const sign = value < 0 ? '−' : '';
  if (abs >= 1e6) return `${sign}€${NBSP}${formatNumber(abs / 1e6, abs >= 1e8 ? 0 : 1)}${NBSP}mln`;
  if (abs >= 1e4) return `${sign}€${NBSP}${formatNumber(abs / 1e6, 2)}${NBSP}mln`;
  return `${sign}€${NBSP}${formatNumber(abs, 0)}`;
}

/** A share given as 0–100: `12,5 %`. */
export function formatPercent(value: number | null | undefined, decimals = 1): string {
  if (value == null || !Number.isFinite(value)) return MISSING;
  return `${formatNumber(value, decimals)}${NBSP}%`;
}

/** A change as a signed share: `+3,2 %`, `−1,0 %`. */
export function formatChange(value: number | null | undefined, decimals = 1): string {
  if (value == null || !Number.isFinite(value)) return MISSING;
  const text = formatPercent(Math.abs(value), decimals);
  if (Number(value.toFixed(decimals)) === 0) return formatPercent(0, decimals);
  return `${value > 0 ? '+' : '−'}${text}`;
}

/** A person count the API hid: `<` and the region's privacy threshold (`<5`, `<10`), never a number. */
export function hiddenCount(threshold: number): string {
  return `<${threshold}`;
}

/**
 * Person counts below the privacy threshold arrive suppressed and are shown as `<threshold`.
 * Whoever may pass a suppressed count passes the region's threshold too: no default region.
 */
export function formatCount(value: number | null | undefined): string;
export function formatCount(value: number | null | undefined, suppressed: boolean, threshold: number): string;
export function formatCount(value: number | null | undefined, suppressed = false, threshold?: number): string {
  if (suppressed) return hiddenCount(threshold!);
  return formatNumber(value, 0);
}

const COUNT_WORDS = ['nul', 'een', 'twee', 'drie', 'vier', 'vijf', 'zes', 'zeven', 'acht', 'negen', 'tien', 'elf', 'twaalf'];

/** A number of months in running text: `een maand`, `drie maanden`, `18 maanden`. */
export function monthsInWords(n: number): string {
  const count = COUNT_WORDS[n] ?? String(n);
  return `${count} ${n === 1 ? 'maand' : 'maanden'}`;
}

function splitMonth(month: string): [number, number] {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) throw new Error(`geen maand: ${month}`);
  const index = Number(m[2]);
  if (index < 1 || index > 12) throw new Error(`geen maand: ${month}`);
  return [Number(m[1]), index];
}

/** `2025-03` → `maart 2025`. */
export function formatMonth(month: string): string {
  const [year, index] = splitMonth(month);
  return `${MONTHS[index - 1]} ${year}`;
}

/** `2025-03` → `mrt 2025` (axes). */
export function formatMonthShort(month: string, withYear = true): string {
  const [year, index] = splitMonth(month);
  return withYear ? `${MONTHS_SHORT[index - 1]} ${year}` : MONTHS_SHORT[index - 1];
}

/** A period as the spec writes it (`2025` or `2025-03`) in words. */
export function formatPeriod(period: string): string {
  return /^\d{4}$/.test(period) ? period : formatMonth(period);
}

/** `2025-03-14` → `14 maart 2025`. */
export function formatDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return date;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

/** A UTC timestamp (`2025-03-14T09:30:00Z`) as `14 maart 2025 09:30` in Dutch time. */
export function formatTimestamp(timestamp: string): string {
  const d = new Date(timestamp);
  if (Number.isNaN(d.getTime())) return timestamp;
  return new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(d);
}

/** A UTC timestamp as `23-11-2026 19:15` in Dutch time, for tables. */
export function formatTimestampShort(timestamp: string): string {
  const d = new Date(timestamp);
  if (Number.isNaN(d.getTime())) return timestamp;
  return new Intl.DateTimeFormat('nl-NL', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(d).replace(',', '');
}

/** The months of a year up to and including `last`, as calendar values. */
export function monthsOfYear(year: number, last = 12): string[] {
  return Array.from({ length: last }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}

/** Calendar month arithmetic on `YYYY-MM`. */
export function addMonths(month: string, n: number): string {
  const [year, index] = splitMonth(month);
  const total = year * 12 + (index - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/** Plain text of a number for CSV in Dutch Excel: decimal comma, no grouping. */
export function csvNumber(value: number | null | undefined, decimals?: number): string {
  if (value == null || !Number.isFinite(value)) return '';
  const text = decimals == null ? String(value) : value.toFixed(decimals);
  return text.replace('.', ',');
}

/** The months a year-to-date figure counts: `januari t/m november 2026`, or `2026` once December is in. */
export function formatToDate(month: string): string {
  const year = month.slice(0, 4);
  if (month.endsWith('-12')) return year;
  return month.endsWith('-01') ? formatMonth(month) : `januari t/m ${formatMonth(month)}`;
}

/**
 * The month a year is counted to when it is not over yet (the newest delivered month, when it
 * lies in that year before December); null for a closed year, which counts whole.
 */
export function toDateMonth(year: number, latest: string | null): string | null {
  return latest && latest.startsWith(`${year}-`) && !latest.endsWith('-12') ? latest : null;
}
