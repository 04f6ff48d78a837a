/**
 * The estimate fields of a series point that has no estimate (mature, or a measure without
 * one). Free of zod, so the web bundle can import it (tests/architecture.test.ts).
 */
import type { SeriesPoint } from './indicators.ts';

export const NOT_ESTIMATED = { mature: true, estimate: null, estimate_low: null, estimate_high: null, estimate_ytd: null } as const satisfies Partial<SeriesPoint>;
