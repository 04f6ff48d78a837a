/**
 * Sends a GET response through the ETag check and the response cache. The ETag is the
 * versions the answer depends on (plus a per-process id, since another process may serve
 * different code or a different store at the same versions), so a matching If-None-Match is
 * answered with 304 before anything is read or computed.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { ARROW_CONTENT_TYPE, rowsToArrow, wantsArrow } from './arrow.ts';
import { filterForAccount, limitKey } from './auth/scope.ts';
import type { ResponseCache } from './responseCache.ts';
import type { VersionPair } from './versions.ts';

export type CacheScope = 'data' | 'duiding';

export interface CachedReplyOptions<S extends z.ZodType> {
  /** What the answer depends on: the loaded data, or what people wrote. */
  scope: CacheScope;
  /** The response schema; the computed value is checked against it once per version. */
  schema: S;
  compute: () => Promise<z.input<S>>;
  /** For bulk series: the rows to send as Arrow when the client asks for it. */
  arrowRows?: (value: z.output<S>) => Record<string, unknown>[];
}

/** `If-None-Match` may list several tags, weak or strong; GET compares weakly. */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => bare(t) === bare(etag));
}

function stableKey(value: unknown): string {
  if (!value || typeof value !== 'object') return JSON.stringify(value ?? null);
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify(entries);
}

export interface CacheContext {
  bootId: string;
  versions: { read(): Promise<VersionPair> };
  caches: Record<CacheScope, ResponseCache>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyReply = FastifyReply<any, any, any, any, any, any, any, any>;

/**
 * Resolves once the response has been written (a reply is thenable), so the route's async
 * handler can resolve with nothing and Fastify does not try to send again.
 */
export async function sendCached<S extends z.ZodType>(
  ctx: CacheContext,
  request: FastifyRequest,
  reply: AnyReply,
  options: CachedReplyOptions<S>,
): Promise<void> {
  const v = await ctx.versions.read();
  const format = options.arrowRows && wantsArrow(request.headers.accept) ? 'arrow' : 'json';
  // Duiding answers carry their figures as known now (figures_now): they change with the data, too.
  const generation = options.scope === 'data' ? `d${v.data}` : `u${v.duiding}d${v.data}`;
  // The limit is in the tag too: after a switch of account in the same browser, a 304 must not revive the other account's answer.
  const limit = request.gemeenteLimit;
  const etag = `"${ctx.bootId}-${generation}-${format}${limit ? `-${limitKey(limit).replace(/[^A-Z0-9]/g, '')}` : ''}"`;

  reply.header('etag', etag).header('cache-control', 'private, no-cache');
  if (options.arrowRows) reply.header('vary', 'Accept');
  if (etagMatches(request.headers['if-none-match'], etag)) {
    return await reply.code(304).send();
  }

  // A gemeente-limited account gets its own filtered copy: the limit is part of the key.
  const key = `${limitKey(limit)}|${request.routeOptions.url}|${stableKey(request.params)}|${stableKey(request.query)}|${format}`;
  const cached = await ctx.caches[options.scope].get(generation, key, async () => {
    const value = filterForAccount(limit, options.schema.parse(await options.compute()) as z.output<S>);
    if (format === 'arrow') {
      return { contentType: ARROW_CONTENT_TYPE, body: Buffer.from(rowsToArrow(options.arrowRows!(value))) };
    }
    // Bytes, not a string: a hit is then written as is, without encoding it again per request.
    return { contentType: 'application/json; charset=utf-8', body: Buffer.from(JSON.stringify(value)) };
  });
  return await reply.type(cached.contentType).send(cached.body);
}
