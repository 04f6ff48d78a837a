/**
 * Duidingssessies: date, title, participating organisations and the agenda of indicators and
 * views. The address stays /api/sessions (API clients use it); in code the meeting is a
 * Duidingssessie, apart from the sign-in sessions of server/auth.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Duidingssessie, DuidingssessieFilter, DuidingssessieInput, DuidingssessiePatch } from '../../contract/api.ts';
import { registerRecordRoutes } from './recordRoutes.ts';

export const duidingssessieRoutes: FastifyPluginAsyncZod = async (app) => {
  registerRecordRoutes(app, {
    path: '/sessions',
    schemas: { record: Duidingssessie, filter: DuidingssessieFilter, input: DuidingssessieInput, patch: DuidingssessiePatch },
    summaries: {
      list: 'Duidingssessies, nieuwste eerst',
      get: 'Eén duidingssessie',
      create: 'Nieuwe duidingssessie',
      update: 'Duidingssessie wijzigen',
      delete: 'Duidingssessie verwijderen',
    },
    repository: app.duidingssessies,
  });
};
