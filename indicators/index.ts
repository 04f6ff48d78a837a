/**
 * The indicator engine: every figure of the Sturingsplan (defined in docs/definitions.md, built as docs/indicators.md says) per
 * reporting row × gemeente (or REGIO) × period, with targets, status, provisional costs,
 * delivery coverage and small-number suppression. DuckDB does the set-based work; the engine
 * composes. Everything it returns is suppressed: the unsuppressed form lives in
 * `./unsuppressed.ts`, which only the local CLI imports. The questions and answers are the
 * figure routes' (`FigureQuery`, `FigureAnswer` in `contract/queries.ts`).
 */
export { createIndicatorEngine, type IndicatorEngine, type Visible } from './engine.ts';
export { IndicatorQueryError } from './errors.ts';
