/** The store's commands on the local admin channel: a backup and a check while the server runs and writes. */
import { isAbsolute } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { backupStore, checkStore } from '../store/backup.ts';
import type { AdminCommand } from './localAdmin.ts';

export function storeAdminCommands(app: FastifyInstance): Record<string, AdminCommand> {
  return {
    backup: async (body) => {
      const out = body.out;
      // The CLI resolves the path in its own working folder: the server's may differ.
      if (typeof out !== 'string' || !isAbsolute(out)) throw new Error('De backup heeft een absoluut pad nodig (--out BESTAND).');
      const manifest = await backupStore(app.store, out);
      app.log.warn({ out, bytes: manifest.bytes }, 'backup gemaakt');
      return manifest;
    },
    check: async () => checkStore(app.store),
  };
}
