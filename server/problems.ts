/**
 * Every error leaves the API as `application/problem+json` (RFC 9457) with a Dutch sentence a
 * person understands. Routes throw `HttpProblem`, repositories throw domain errors
 * (domainErrors.ts); the one error handler in app.ts turns those and everything else
 * (validation, Fastify's own errors, bugs) into the same shape, never with a stack trace.
 */
import type { FastifyError } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { Problem } from '../contract/api.ts';
import { IndicatorQueryError } from '../indicators/index.ts';
import { isDiskFull } from '../store/store.ts';
import { ConflictError, DomainError, ForbiddenError, InvalidInputError, NotFoundError } from './domainErrors.ts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** Problem types are URNs: stable ids for clients, not pages someone has to host. */
const problemType = (slug: string) => `urn:koersbord:probleem:${slug}`;

export class HttpProblem extends Error {
  readonly status: number;
  readonly slug: string;
  readonly title: string;
  readonly extras: Partial<Problem>;

  constructor(status: number, slug: string, title: string, detail: string, extras: Partial<Problem> = {}) {
    super(detail);
    this.status = status;
    this.slug = slug;
    this.title = title;
    this.extras = extras;
  }

  toProblem(instance?: string): Problem {
    return { type: problemType(this.slug), title: this.title, status: this.status, detail: this.message, instance, ...this.extras };
  }
}

export const notFound = (detail: string) => new HttpProblem(404, 'niet-gevonden', 'Niet gevonden', detail);
export const conflict = (detail: string) => new HttpProblem(409, 'conflict', 'Conflict', detail);
export const unprocessable = (detail: string, extras: Partial<Problem> = {}) =>
  new HttpProblem(422, 'niet-verwerkbaar', 'Niet verwerkbaar', detail, extras);
export const badRequest = (detail: string, extras: Partial<Problem> = {}) =>
  new HttpProblem(400, 'ongeldige-invoer', 'Ongeldige invoer', detail, extras);

export const forbidden = (detail: string) => new HttpProblem(403, 'geen-toegang', 'Geen toegang', detail);

/** The one place a domain error gets its HTTP status. */
function fromDomainError(err: DomainError): HttpProblem {
  if (err instanceof NotFoundError) return notFound(err.message);
  if (err instanceof ForbiddenError) return forbidden(err.message);
  if (err instanceof ConflictError) return conflict(err.message);
  if (err instanceof InvalidInputError) return unprocessable(err.message);
  return badRequest(err.message);
}

const CONTEXT_NAMES: Record<string, string> = { querystring: 'query', params: 'params', body: 'body', headers: 'headers' };

/** Fastify's own error codes that a client can cause, in words a person understands. */
const FASTIFY_ERRORS: Record<string, { slug: string; title: string; detail: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { slug: 'ongeldige-json', title: 'Ongeldige invoer', detail: 'De inhoud van het verzoek is geen geldige JSON.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { slug: 'ongeldige-json', title: 'Ongeldige invoer', detail: 'Het verzoek heeft geen inhoud, terwijl JSON verwacht werd.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { slug: 'mediatype', title: 'Mediatype niet ondersteund', detail: 'Dit soort inhoud wordt hier niet geaccepteerd; stuur JSON (of een bestand als multipart/form-data bij uploads).' },
  FST_ERR_CTP_BODY_TOO_LARGE: { slug: 'te-groot', title: 'Te groot', detail: 'De inhoud van het verzoek is te groot.' },
  FST_REQ_FILE_TOO_LARGE: { slug: 'te-groot', title: 'Bestand te groot', detail: 'Het bestand is groter dan de toegestane omvang.' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: { slug: 'mediatype', title: 'Mediatype niet ondersteund', detail: 'Stuur het bestand als multipart/form-data.' },
  FST_FILES_LIMIT: { slug: 'te-veel-bestanden', title: 'Te veel bestanden', detail: 'Stuur één bestand per verzoek.' },
  FST_PARTS_LIMIT: { slug: 'te-veel-bestanden', title: 'Te veel onderdelen', detail: 'Het verzoek heeft te veel onderdelen.' },
};

const GENERIC_BY_STATUS: Record<number, { slug: string; title: string; detail: string }> = {
  400: { slug: 'ongeldige-invoer', title: 'Ongeldige invoer', detail: 'Het verzoek kon niet worden gelezen.' },
  403: { slug: 'geen-toegang', title: 'Geen toegang', detail: 'Dit adres is niet toegankelijk.' },
  404: { slug: 'niet-gevonden', title: 'Niet gevonden', detail: 'Dit adres bestaat niet.' },
  405: { slug: 'methode', title: 'Methode niet toegestaan', detail: 'Deze bewerking is op dit adres niet toegestaan.' },
  406: { slug: 'niet-aanvaardbaar', title: 'Niet aanvaardbaar', detail: 'Het gevraagde formaat kan hier niet geleverd worden.' },
  413: { slug: 'te-groot', title: 'Te groot', detail: 'Het verzoek is te groot.' },
  415: FASTIFY_ERRORS.FST_ERR_CTP_INVALID_MEDIA_TYPE,
  429: { slug: 'te-veel-verzoeken', title: 'Te veel verzoeken', detail: 'Er komen te veel verzoeken tegelijk binnen; probeer het zo opnieuw.' },
};

const INTERNAL = new HttpProblem(500, 'interne-fout', 'Interne fout', 'Er ging iets mis aan de kant van de server. Probeer het later opnieuw; blijft het misgaan, meld het dan bij de beheerder.');

const asSentence = (text: string) => {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
};

/** Maps any thrown value to a problem; `internal` says whether it is our fault (and must be logged). */
export function toProblem(err: unknown): { problem: HttpProblem; internal: boolean } {
  if (err instanceof HttpProblem) return { problem: err, internal: false };
  if (err instanceof DomainError) return { problem: fromDomainError(err), internal: false };
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = CONTEXT_NAMES[(err as FastifyError).validationContext ?? ''] ?? 'verzoek';
    const parameters = err.validation.map((v) => ({
      in: where,
      name: v.instancePath.replace(/^\//, '').replaceAll('/', '.') || where,
      message: v.message ?? 'ongeldige waarde',
    }));
    const names = [...new Set(parameters.map((p) => p.name))].join(', ');
    return {
      problem: badRequest(`Ongeldige parameter${parameters.length === 1 ? '' : 's'}: ${names}.`, { parameters }),
      internal: false,
    };
  }
  if (err instanceof IndicatorQueryError) {
    // The engine says in Dutch what it cannot answer; shown to people, so as a sentence.
    const detail = asSentence(err.message);
    return { problem: err.code === 'invalid_query' ? badRequest(detail) : notFound(detail), internal: false };
  }
  if (isResponseSerializationError(err)) return { problem: INTERNAL, internal: true };
  const fe = err as Partial<FastifyError>;
  const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
  if (status >= 400 && status < 500) {
    const known = (fe.code && FASTIFY_ERRORS[fe.code]) || GENERIC_BY_STATUS[status] || GENERIC_BY_STATUS[400];
    return { problem: new HttpProblem(status, known.slug, known.title, known.detail), internal: false };
  }
  // Logged (an operator must make room), but told plainly: nothing was loaded, the store is as it was.
  if (isDiskFull(err)) return { problem: DISK_FULL, internal: true };
  return { problem: INTERNAL, internal: true };
}

/**
 * Requests Node refuses before Fastify sees them (a request line or headers over 16 KB, a
 * request that is no HTTP, a body that never arrives) get the same problem+json in Dutch,
 * written straight to the socket: there is no request object to reply through.
 */
const CLIENT_ERRORS: Record<string, { status: number; slug: string; title: string; detail: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, slug: 'te-groot', title: 'Verzoek te groot', detail: 'Het adres of de kopregels van het verzoek zijn te lang (meer dan 16 KB).' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, slug: 'te-laat', title: 'Verzoek duurde te lang', detail: 'Het verzoek kwam niet op tijd binnen en is afgebroken; het duurde te lang. Probeer het opnieuw.' },
};
const BAD_REQUEST = { status: 400, slug: 'ongeldig-verzoek', title: 'Ongeldig verzoek', detail: 'Het verzoek is geen geldig HTTP-verzoek.' };

export function clientErrorResponse(code: string | undefined): string {
  const known = (code && CLIENT_ERRORS[code]) || BAD_REQUEST;
  const body = JSON.stringify(new HttpProblem(known.status, known.slug, known.title, known.detail).toProblem());
  const reason = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' }[known.status];
  return `HTTP/1.1 ${known.status} ${reason}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}

/**
 * A path with an empty segment (`//`), NUL or another control character (raw or %-encoded) is
 * no address of this app: a 400 that says so (the static file server answered 403 with a 400 text).
 */
export function oddPathProblem(url: string): HttpProblem | null {
  const path = url.split('?')[0];
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return badRequest('Dit adres is ongeldig: het bevat een onjuiste %-codering.');
  }
  if (path.includes('//') || /[\u0000-\u001f\u007f]/.test(decoded)) {
    return badRequest('Dit adres is ongeldig: het bevat een lege map (//) of een stuurteken.');
  }
  return null;
}
const DISK_FULL = new HttpProblem(
  507,
  'schijf-vol',
  'Schijf vol',
  'De schijf van de store is vol: er is niets geladen en de store is onveranderd. Maak ruimte vrij (of vraag de beheerder dat te doen) en probeer het opnieuw.',
);
