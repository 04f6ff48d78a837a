/**
 * Duiding: interpretations tied to a reporting row, gemeente or REGIO, period and optionally an
 * indicator. Who may delete which duiding is the repository's rule (an analist their own).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Duiding, DuidingFilter, DuidingInput, DuidingPatch } from '../../contract/api.ts';
import { registerRecordRoutes } from './recordRoutes.ts';

export const duidingRoutes: FastifyPluginAsyncZod = async (app) => {
  registerRecordRoutes(app, {
    path: '/duiding',
    schemas: { record: Duiding, filter: DuidingFilter, input: DuidingInput, patch: DuidingPatch },
    summaries: { list: 'Duidingen, te filteren', get: 'Eén duiding', create: 'Nieuwe duiding', update: 'Duiding wijzigen', delete: 'Duiding verwijderen' },
    repository: app.duiding,
  });
};
