import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requires } from '../auth/http-auth.ts';
import { errorResponses } from '../http/errors.ts';
import type { Storage } from '../storage/storage.ts';
import { backupName, backupsDir, describeBackup } from './backup.ts';

/**
 * `POST /api/v1/admin/backup`: the running server copies its store with SQLite's online
 * backup API into DATA_DIR/backups/ and answers the file's name, size and integrity_check.
 * A backup holds every account's password hash and callers' personal data: only
 * `store.backup` (administrators) may take one. One at a time: a second request while a
 * backup runs is answered 409.
 */
const backupReply = z.object({ file: z.string(), bytes: z.number(), integrity: z.string() });

export function registerBackupRoute(fastify: FastifyInstance, storage: Storage, dataDir: string): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  let running = false;
  app.post('/api/v1/admin/backup', {
    preValidation: requires('store.backup'),
    schema: { tags: ['operations'], summary: "An online backup of the store (SQLite's backup API) into DATA_DIR/backups/", response: { 201: backupReply, 500: backupReply, ...errorResponses } },
  }, async (_req, reply) => {
    if (storage.backup === undefined) return reply.code(409).send({ error: 'no_store_file', message: 'only STORAGE=sqlite has a store file to back up here (PostgreSQL: use pg_dump; memory: nothing is kept)' });
    if (running) return reply.code(409).send({ error: 'backup_running', message: 'a backup is being written; try again when it is done' });
    running = true;
    try {
      const dir = backupsDir(dataDir);
      fs.mkdirSync(dir, { recursive: true });
      const name = backupName(Date.now());
      const file = path.join(dir, name);
      // Two requests within one second would pick the same name.
      if (fs.existsSync(file)) return reply.code(409).send({ error: 'backup_exists', message: `${name} was written a moment ago` });
      await storage.backup(file);
      const { bytes, integrity } = describeBackup(file);
      return reply.code(integrity === 'ok' ? 201 : 500).send({ file: name, bytes, integrity });
    } finally {
      running = false;
    }
  });
}
