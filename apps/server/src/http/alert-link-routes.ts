import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { declareEmergencySchema, newCaseSchema, type Alert, type Division } from '@cw/contracts';
import { alertOrigin, linkRefusal } from '@cw/dispatch';
import { requires } from '../auth/http-auth.ts';
import { actorOf, type CaseService } from '../dispatch/case-service.ts';
import type { EmergencyService } from '../emergency/emergency-service.ts';
import type { AlertService } from '../publish/alerts.ts';
import { errorResponses } from './errors.ts';
import type { RateLimit } from './rate-limit.ts';

export interface AlertLinkDeps {
  alerts: AlertService;
  cases: CaseService;
  emergencies: EmergencyService;
  divisions: readonly Division[];
  writeLimit: RateLimit;
}

const idParam = z.object({ id: z.string().min(1).max(128) });
const typed = (name: string) => z.unknown().describe(`${name} (packages/contracts)`);

/**
 * Opening a case or declaring an emergency from an alert (docs/alerts.md): the record keeps
 * the alert it came from, the alert its link, both in one write. One per alert: a second
 * answers 409 `already_linked` with the first, and opens nothing. An unknown alert answers
 * 404 `unknown_alert`.
 */
export function registerAlertLinkRoutes(fastify: FastifyInstance, deps: AlertLinkDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const divisionCodes = deps.divisions.map((d) => d.code);

  /** The stored alert, or the refusal already sent. */
  async function linkable(id: string, reply: FastifyReply): Promise<Alert | null> {
    const alert = await deps.alerts.find(id);
    const refusal = linkRefusal(id, alert);
    if (refusal === null) return alert;
    if (refusal.code === 'unknown_alert') await reply.code(404).send({ error: refusal.code, message: refusal.message });
    else await reply.code(409).send({ error: refusal.code, message: refusal.message, link: refusal.link });
    return null;
  }
  const conflict = async (id: string, reply: FastifyReply) => {
    // Someone else opened one from it between our read and our write: answer with theirs.
    const now = await deps.alerts.find(id);
    return reply.code(409).send({ error: 'already_linked', message: `alert ${id} already has a case or an emergency opened from it`, link: now?.link ?? null });
  };

  app.post('/api/v1/alerts/:id/case', {
    preValidation: requires('alerts.open_case'),
    config: { rateLimit: deps.writeLimit },
    schema: {
      tags: ['alerts'],
      summary: 'Open a case from an alert; the case keeps the alert, the alert the case (once per alert)',
      params: idParam,
      body: newCaseSchema,
      response: { 201: typed('CaseSummary'), ...errorResponses },
    },
  }, async (req, reply) => {
    const alert = await linkable(req.params.id, reply);
    if (alert === null) return reply;
    const p = req.principal!;
    const r = await deps.cases.report(req.body, actorOf(p), undefined, { alert: alertOrigin(alert), by: p.name });
    if (!r.ok && r.error === 'already_linked') return conflict(alert.id, reply);
    if (!r.ok && r.error === 'invalid_sub_category') return reply.code(422).send({ error: 'invalid_command', message: r.message });
    if (!r.ok) throw new Error(`unexpected ${r.error}`);
    deps.alerts.linked(alert.id, { kind: 'case', id: r.case.id, at: r.case.reportedAt, by: p.name });
    return reply.code(201).send(deps.cases.summary(r.case));
  });

  app.post('/api/v1/alerts/:id/emergency', {
    preValidation: requires('alerts.open_emergency'),
    config: { rateLimit: deps.writeLimit },
    schema: {
      tags: ['alerts'],
      summary: "Declare an emergency from an alert (place: the alert's division centre unless given); once per alert",
      params: idParam,
      // Place and division may be left out: the alert's division and its centre.
      body: declareEmergencySchema,
      response: { 201: typed('EmergencyDetail'), ...errorResponses },
    },
  }, async (req, reply) => {
    const alert = await linkable(req.params.id, reply);
    if (alert === null) return reply;
    const division = deps.divisions.find((d) => d.code === (req.body.division ?? (divisionCodes.includes(alert.scope) ? alert.scope : undefined)));
    const input = { ...req.body, ...(division ? { division: division.code, location: req.body.location ?? division.center } : {}) };
    const r = await deps.emergencies.declare(input, req.principal!, alertOrigin(alert));
    if (!r.ok) {
      if (r.error.code === 'version_conflict') return conflict(alert.id, reply);
      const status = r.error.code === 'forbidden_role' ? 403 : 422;
      return reply.code(status).send({ error: r.error.code, message: r.error.message });
    }
    deps.alerts.linked(alert.id, { kind: 'emergency', id: r.detail.emergency.id, at: r.detail.emergency.declaredAt, by: req.principal!.name });
    return reply.code(201).send(r.detail);
  });
}
