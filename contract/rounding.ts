/**
 * The one rounding rule of the contract: half away from zero on the decimal value, as a
 * spreadsheet rounds (166.25 → 166.3, 0.15 → 0.2, -2.5 → -3), never on the binary float
 * (where 0.15 is 0.1499… and would round down). Used for every figure the indicators
 * produce and for amounts the ETL keeps in cents.
 */

/** A plain decimal text (`-1234.565`, `0.125`, `12`) rounded on its digits to `decimals` places, as text. */
export function roundDecimalText(text: string, decimals: number): string {
  const match = /^(-?)([0-9]*)(?:\.([0-9]*))?$/.exec(text);
  if (!match || (match[2] === '' && !match[3])) throw new Error(`geen decimaal getal: '${text}'`);
  const [, sign, whole, fraction = ''] = match;
  let scaled = BigInt((whole || '0') + fraction.slice(0, decimals).padEnd(decimals, '0'));
  if ((fraction[decimals] ?? '0') >= '5') scaled += 1n;
  const digits = scaled.toString().padStart(decimals + 1, '0');
  const out = decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  return sign && scaled !== 0n ? `-${out}` : out;
}

/**
 * The decimal value of a float is its first 15 significant digits (what a spreadsheet shows
 * and computes with): that drops binary noise such as 16.624999999999996 for 16.625.
 */
function decimalValue(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`geen eindig getal: ${x}`);
  if (x === 0) return '0';
  const [mantissa, exp] = x.toExponential(14).split('e');
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace(/^-/, '').replace('.', '');
  const point = Number(exp) + 1; // digits before the decimal point
  const plain =
    point <= 0 ? `0.${'0'.repeat(-point)}${digits}`
    : point >= digits.length ? digits + '0'.repeat(point - digits.length)
    : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${plain}` : plain;
}

/** `x` rounded to `decimals` places, as text with exactly that many decimals (the export's form). */
export const roundedText = (x: number, decimals: number): string => roundDecimalText(decimalValue(x), decimals);

/** `x` rounded to `decimals` places. */
export const roundTo = (x: number, decimals: number): number => Number(roundedText(x, decimals));
