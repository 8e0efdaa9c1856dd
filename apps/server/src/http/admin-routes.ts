import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CATEGORIES, departmentSchema, metricDefSchema, operatingModeSchema, setModeSchema, thresholdsSchema } from '@cw/contracts';
import type { SettingsService } from '../admin/settings-service.ts';
import { requires } from '../auth/http-auth.ts';
import { badRequest, errorResponses } from './errors.ts';
import type { RateLimit } from './rate-limit.ts';

const metricParam = z.object({ id: z.string().min(1).max(128) });
const departmentParam = z.object({ id: departmentSchema.shape.id });

/** Thresholds, departments and the operating mode. */
export function registerAdminRoutes(fastify: FastifyInstance, settings: SettingsService, writeLimit: RateLimit): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/api/v1/catalogue', {
    preValidation: requires('profile.read'),
    schema: { tags: ['reference'], summary: 'The metric catalogue with the thresholds in force', response: { 200: z.array(metricDefSchema), ...errorResponses } },
  }, async () => [...settings.catalogue()]);

  app.put('/api/v1/thresholds/:id', {
    preValidation: requires('thresholds.manage'),
    config: { rateLimit: writeLimit },
    schema: { tags: ['admin'], summary: "Set a metric's warning and critical thresholds", params: metricParam, body: thresholdsSchema, response: { 200: metricDefSchema, ...errorResponses } },
  }, async (req, reply) => {
    const def = await settings.setThresholds(req.params.id, req.body);
    return def ?? reply.code(404).send({ error: 'not_found', message: 'no such metric' });
  });

  app.get('/api/v1/departments', {
    preValidation: requires('profile.read'),
    schema: { tags: ['reference'], summary: 'Departments that cases are dispatched to', response: { 200: z.array(departmentSchema), ...errorResponses } },
  }, async () => [...settings.departments()]);

  app.put('/api/v1/departments/:id', {
    preValidation: requires('departments.manage'),
    config: { rateLimit: writeLimit },
    schema: { tags: ['admin'], summary: 'Create or change a department', params: departmentParam, body: departmentSchema.omit({ id: true }), response: { 200: departmentSchema, ...errorResponses } },
  }, async (req, reply) => {
    const unknown = req.body.categories.filter((c) => !(CATEGORIES as readonly string[]).includes(c));
    if (unknown.length > 0) return reply.code(400).send(badRequest(`unknown categories: ${unknown.join(', ')}`));
    const department = { id: req.params.id, ...req.body };
    await settings.putDepartment(department);
    return department;
  });

  app.put('/api/v1/system/mode', {
    preValidation: requires('system.set_mode'),
    config: { rateLimit: writeLimit },
    schema: { tags: ['emergencies'], summary: '平时 / 战时 by hand (peace is refused while an emergency is active)', body: setModeSchema, response: { 200: z.object({ mode: operatingModeSchema }), ...errorResponses } },
  }, async (req, reply) => {
    if (!(await settings.setMode(req.body.mode))) {
      return reply.code(409).send({ error: 'emergency_active', message: 'an emergency is active: stand it down to return to peace' });
    }
    return { mode: req.body.mode };
  });
}
