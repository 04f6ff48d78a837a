/** A question the engine cannot answer (unknown scope, period outside the data): the server maps it to a 400/404. */
export class IndicatorQueryError extends Error {
  constructor(
    message: string,
    readonly code: 'unknown_scope' | 'unknown_period' | 'unknown_provider' | 'invalid_query',
  ) {
    super(message);
    this.name = 'IndicatorQueryError';
  }
}
