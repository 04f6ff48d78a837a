/** Actions that follow from a verbetervoorstel: owner organisation, due date and status. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Action, ActionFilter, ActionInput, ActionPatch } from '../../contract/api.ts';
import { registerRecordRoutes } from './recordRoutes.ts';

export const actionRoutes: FastifyPluginAsyncZod = async (app) => {
  registerRecordRoutes(app, {
    path: '/actions',
    schemas: { record: Action, filter: ActionFilter, input: ActionInput, patch: ActionPatch },
    summaries: {
      list: 'Acties, te filteren (ook: over de einddatum)',
      get: 'Eén actie',
      create: 'Nieuwe actie bij een verbetervoorstel',
      update: 'Actie wijzigen (status, eigenaar, einddatum)',
      delete: 'Actie verwijderen',
    },
    repository: app.actions,
  });
};
