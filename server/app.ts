/**
 * The Koersbord API as one Fastify app: `buildApp` registers every plugin, so tests and
 * `npm start` run the same stack. The store is decorated onto the app and closed with it.
 */
import { randomBytes } from 'node:crypto';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createIndicatorEngine, type IndicatorEngine } from '../indicators/index.ts';
import type { Store } from '../store/store.ts';
import type { CacheContext } from './cachedReply.ts';
import { registerAccessControl } from './auth/plugin.ts';
import { oidcConfig, type OidcConfig } from './auth/oidc.ts';
import { accountRoutes } from './auth/accountRoutes.ts';
import { authRoutes } from './auth/routes.ts';
import { tokenRoutes } from './auth/tokenRoutes.ts';
import { createDuidingRepositories, type ActionRepository, type DuidingRepository, type DuidingssessieRepository } from './duiding/index.ts';
import { clientErrorResponse, notFound, oddPathProblem, PROBLEM_CONTENT_TYPE, toProblem } from './problems.ts';
import { ResponseCache } from './responseCache.ts';
import { actionRoutes } from './routes/actions.ts';
import { decompositionRoutes } from './routes/decomposition.ts';
import { deliveryRoutes } from './routes/deliveries.ts';
import { feedRoutes } from './routes/feeds.ts';
import { duidingRoutes } from './routes/duiding.ts';
import { healthRoutes } from './routes/health.ts';
import { indicatorRoutes } from './routes/indicators.ts';
import { referenceRoutes } from './routes/reference.ts';
import { reportRoutes, type ReportPdfPrinter } from './routes/report.ts';
import { duidingssessieRoutes } from './routes/sessions.ts';
import { signalRoutes } from './routes/signals.ts';
import { fastifyTrustProxy, type TrustProxy } from './trustProxy.ts';
import type { StartupState } from './startup.ts';
import { createVersions, type Versions } from './versions.ts';
import { registerWebApp } from './webApp.ts';

// Validation messages reach people: in Dutch, like every other message of the product.
z.config(z.locales.nl());

export const DEFAULT_UPLOAD_LIMIT_BYTES = 50 * 1024 * 1024;
/** JSON bodies: the largest legitimate one (a duiding of 10.000 characters) fits many times over. */
export const JSON_BODY_LIMIT_BYTES = 256 * 1024;

/**
 * Time limits of the HTTP server (issue 10, defect 11: a body that never came held a connection
 * for minutes). `requestMs` is for receiving the whole request, body included (a 50 MB upload
 * needs about 7 Mbit/s to make it); `idleMs` for a socket with no traffic at all, longer than a
 * PDF print may take (90 s), since the socket is quiet while the server works.
 */
export interface RequestTimeouts {
  requestMs: number;
  headersMs: number;
  keepAliveMs: number;
  idleMs: number;
  /** How often Node checks requestMs and headersMs. */
  checkIntervalMs: number;
}
export const REQUEST_TIMEOUTS: RequestTimeouts = { requestMs: 60_000, headersMs: 15_000, keepAliveMs: 10_000, idleMs: 120_000, checkIntervalMs: 5_000 };

export interface BuildAppOptions {
  store: Store;
  logger?: FastifyServerOptions['logger'];
  /** Folder of the built web app (`web/dist`); without it the app serves only the API. */
  webRoot?: string;
  uploadLimitBytes?: number;
  /** The indicator engine on `store`; created here unless given. */
  engine?: IndicatorEngine;
  /**
   * Behind a TLS proxy: trust its X-Forwarded-For/-Proto, so sign-in limits count real client
   * addresses and the session cookie is marked Secure. A number of hops or the proxies'
   * addresses (npm start: KOERSBORD_TRUST_PROXY=1 or =127.0.0.1), see trustProxy.ts.
   */
  trustProxy?: TrustProxy;
  /** Time limits (defaults in REQUEST_TIMEOUTS); tests make them small. */
  timeouts?: Partial<RequestTimeouts>;
  /** Routes added after the product's own (tests: a route without an access rule must stop start-up). */
  extraRoutes?: (app: FastifyInstance) => void;
  /** Close the store when the app closes (default); tests that reuse a store say false. */
  closeStore?: boolean;
  /** The initial load's progress (serve.ts), reported by /api/health; absent: nothing loading. */
  startup?: StartupState;
  /** Prints /api/report/pdf (the start script gives report/'s Chromium printer); absent: that route answers 503. */
  reportPdf?: ReportPdfPrinter;
  /** Single sign-on; undefined: read from KOERSBORD_OIDC_* (oidc.ts), null: local accounts only. */
  oidc?: OidcConfig | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
    engine: IndicatorEngine;
    versions: Versions;
    cacheContext: CacheContext;
    duiding: DuidingRepository;
    duidingssessies: DuidingssessieRepository;
    actions: ActionRepository;
    uploadLimitBytes: number;
    startup: StartupState | null;
  }
}

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  // Request ids in the log let an administrator find one failed request. A per-process prefix
  // and a counter: random bytes per request showed up in the load test's CPU profile.
  const bootId = randomBytes(4).toString('hex');
  let requestCount = 0;
  const timeouts = { ...REQUEST_TIMEOUTS, ...options.timeouts };
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: JSON_BODY_LIMIT_BYTES,
    trustProxy: fastifyTrustProxy(options.trustProxy),
    genReqId: () => `${bootId}-${(++requestCount).toString(36)}`,
    requestTimeout: timeouts.requestMs,
    connectionTimeout: timeouts.idleMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    http: { headersTimeout: Math.min(timeouts.headersMs, timeouts.requestMs), connectionsCheckingInterval: timeouts.checkIntervalMs },
    clientErrorHandler: (err, socket) => {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ECONNRESET' || socket.destroyed) return;
      if (socket.writable) socket.write(clientErrorResponse(code));
      socket.destroy();
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const { store } = options;
  const versions = createVersions(store);
  app.decorate('store', store);
  app.decorate('engine', options.engine ?? createIndicatorEngine(store));
  app.decorate('versions', versions);
  app.decorate('cacheContext', {
    bootId,
    versions,
    caches: { data: new ResponseCache(), duiding: new ResponseCache(500) },
  });
  const repositories = createDuidingRepositories(store, () => versions.invalidate(), app.engine);
  app.decorate('duiding', repositories.duiding);
  app.decorate('duidingssessies', repositories.duidingssessies);
  app.decorate('actions', repositories.actions);
  app.decorate('uploadLimitBytes', options.uploadLimitBytes ?? DEFAULT_UPLOAD_LIMIT_BYTES);
  app.decorate('startup', options.startup ?? null);
  if (options.closeStore !== false) app.addHook('onClose', async () => store.close());

  app.setErrorHandler((err, request, reply) => {
    const { problem, internal } = toProblem(err);
    if (internal) request.log.error({ err }, 'interne fout');
    return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem.toProblem(request.url)));
  });

  // Before anything else looks at the path (the static file server answered these with 403).
  app.addHook('onRequest', async (request) => {
    const problem = oddPathProblem(request.url);
    if (problem) throw problem;
  });

  await app.register(fastifyHelmet, {
    // HSTS only where it means something: over https (see below), not over plain http on 127.0.0.1.
    strictTransportSecurity: false,
    contentSecurityPolicy: {
      directives: {
        // Styles and fonts from this server only (helmet's default also allows any https: origin).
        // 'unsafe-inline' stays for style attributes: ECharts and Preact set inline styles.
        'style-src': ["'self'", "'unsafe-inline'"],
        'font-src': ["'self'", 'data:'],
        // The web app draws charts with data: images.
        'img-src': ["'self'", 'data:', 'blob:'],
        'worker-src': ["'self'", 'blob:'],
        // Served over plain http on 127.0.0.1 as often as behind TLS: upgrading would break the former.
        'upgrade-insecure-requests': null,
      },
    },
  });
  app.addHook('onSend', async (request, reply, payload) => {
    // request.protocol is https over TLS or from a trusted proxy's X-Forwarded-Proto.
    if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    return payload;
  });
  // Before any route: routes are checked against the access rules as they are added.
  await registerAccessControl(app);
  await app.register(fastifyMultipart, {
    // The name as sent, folders included: a name with ../ is refused (uploads.ts), not quietly cut.
    preservePath: true,
    limits: { fileSize: app.uploadLimitBytes, files: 1, fields: 10, parts: 12 },
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Koersbord API',
        description:
          'Sturingsinformatie jeugdhulp: indicatoren, reeksen, leveringen, duiding, sessies en acties. Fouten komen als application/problem+json.',
        version: '1',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    // Swagger UI sets inline styles (React style attributes); scripts stay 'self' only.
    transformStaticCSP: (header) => header.replace(/style-src ([^;]*);/, (_m, sources: string) => `style-src ${sources.trim()} 'unsafe-inline';`),
  });

  await app.register(healthRoutes, { prefix: '/api' });
  await app.register(authRoutes, { prefix: '/api', oidc: options.oidc === undefined ? oidcConfig() : options.oidc });
  await app.register(accountRoutes, { prefix: '/api' });
  await app.register(tokenRoutes, { prefix: '/api' });
  await app.register(indicatorRoutes, { prefix: '/api' });
  await app.register(referenceRoutes, { prefix: '/api' });
  await app.register(decompositionRoutes, { prefix: '/api' });
  await app.register(signalRoutes, { prefix: '/api' });
  await app.register(deliveryRoutes, { prefix: '/api' });
  await app.register(feedRoutes, { prefix: '/api' });
  await app.register(duidingRoutes, { prefix: '/api' });
  await app.register(duidingssessieRoutes, { prefix: '/api' });
  await app.register(actionRoutes, { prefix: '/api' });
  await app.register(reportRoutes, { prefix: '/api', print: options.reportPdf });
  options.extraRoutes?.(app);

  const web = options.webRoot ? await registerWebApp(app, options.webRoot) : null;
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    // A missing file (a path with an extension) stays a 404; other paths are routes of the web app.
    const looksLikeFile = /\.[A-Za-z0-9]+$/.test(path);
    if (web && !looksLikeFile && !path.startsWith('/api/') && path !== '/api' && (request.method === 'GET' || request.method === 'HEAD')) {
      web.fallback(request, reply);
      return;
    }
    const problem =
      path.startsWith('/api/') || path === '/api'
        ? notFound(`Er is geen API-route ${request.method} ${path}. Zie /api/docs voor de beschikbare routes.`)
        : notFound(`De pagina ${path} bestaat niet.`);
    return reply.code(404).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem.toProblem(request.url)));
  });

  await app.ready();
  return app;
}

