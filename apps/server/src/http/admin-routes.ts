import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CATEGORIES, departmentSchema, setModeSchema, thresholdsSchema } from '@cw/contracts';
import type { SettingsService } from '../admin/settings-service.ts';
import { requires } from '../auth/http-auth.ts';
import type { RateLimit } from './rate-limit.ts';

const bad = (message: string, issues?: unknown) => ({ error: 'bad_request', message, ...(issues === undefined ? {} : { issues }) });

/** Thresholds, departments and the operating mode. */
export function registerAdminRoutes(app: FastifyInstance, settings: SettingsService, writeLimit: RateLimit): void {
  app.get('/api/v1/catalogue', { preHandler: requires('profile.read') }, async () => settings.catalogue());

  app.put('/api/v1/thresholds/:id', { preHandler: requires('thresholds.manage'), config: { rateLimit: writeLimit } }, async (req, reply) => {
    const body = thresholdsSchema.safeParse(req.body);
    if (!body.success) return reply.code(400).send(bad('invalid thresholds', body.error.issues));
    const def = await settings.setThresholds((req.params as { id: string }).id, body.data);
    return def ?? reply.code(404).send({ error: 'not_found', message: 'no such metric' });
  });

  app.get('/api/v1/departments', { preHandler: requires('profile.read') }, async () => settings.departments());

  app.put('/api/v1/departments/:id', { preHandler: requires('departments.manage'), config: { rateLimit: writeLimit } }, async (req, reply) => {
    const id = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/).safeParse((req.params as { id: string }).id);
    const body = departmentSchema.omit({ id: true }).safeParse(req.body);
    if (!id.success || !body.success) return reply.code(400).send(bad('invalid department', body.error?.issues));
    const unknown = body.data.categories.filter((c) => !(CATEGORIES as readonly string[]).includes(c));
    if (unknown.length > 0) return reply.code(400).send(bad(`unknown categories: ${unknown.join(', ')}`));
    await settings.putDepartment({ id: id.data, ...body.data });
    return { id: id.data, ...body.data };
  });

  app.put('/api/v1/system/mode', { preHandler: requires('system.set_mode'), config: { rateLimit: writeLimit } }, async (req, reply) => {
    const body = setModeSchema.safeParse(req.body);
    if (!body.success) return reply.code(400).send(bad('mode must be peace or war', body.error.issues));
    if (!(await settings.setMode(body.data.mode))) {
      return reply.code(409).send({ error: 'emergency_active', message: 'an emergency is active: stand it down to return to peace' });
    }
    return { mode: body.data.mode };
  });
}
