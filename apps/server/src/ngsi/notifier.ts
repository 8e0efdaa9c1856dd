import http from 'node:http';
import https from 'node:https';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { matchesQuery, parseQuery, pickAttributes, type QueryExpr, type StoredSubscription } from '@cw/contracts';
import type { SubscriptionStore } from '../storage/storage.ts';
import type { EndpointPolicy } from './endpoint-policy.ts';
import { keyValues, servedType, type Entity } from './entities-out.ts';

export interface NotifierDeps {
  store: SubscriptionStore;
  /** Every entity served, normalized, as now. */
  entities: () => Entity[];
  /** The city's clock: notifiedAt, expiry. */
  now: () => number;
  policy: EndpointPolicy;
  log: Logger;
  /** Retries of a failed notification, after 1, 2, 4… times `retryBaseMs`. */
  retries?: number;
  retryBaseMs?: number;
  timeoutMs?: number;
}

/** What the broker reports of a subscription's notifications (NotificationParams' status members, §5.2.14). */
export interface NotificationStatus {
  status: 'ok' | 'failed' | null;
  timesSent: number;
  lastNotification: number | null;
  lastSuccess: number | null;
  lastFailure: number | null;
}

interface Live {
  sub: StoredSubscription;
  selectors: { type: string | null; id?: string; pattern?: RegExp }[] | null;
  q: QueryExpr | null;
  /** What was last seen of each matching entity's watched attributes. */
  seen: Map<string, string>;
  /** Entities changed and not yet sent, latest state only. */
  pending: Map<string, Entity>;
  sending: boolean;
  /** Real time before which throttling holds the next notification. */
  nextAt: number;
  timer: NodeJS.Timeout | null;
  stats: NotificationStatus;
}

const LD = 'application/ld+json';

/**
 * The writer's NGSI-LD subscriptions: after every tick, the entities each one watches are
 * compared with what it last saw, and the changed ones are POSTed to its endpoint as an
 * NGSI-LD Notification (§5.3.1). Delivery never holds the tick: one request at a time per
 * subscription, changes meanwhile (and during throttling) merged by entity into the next
 * notification, failures retried with doubling back-off, then given up (logged, counted).
 */
export class SubscriptionNotifier {
  private readonly live = new Map<string, Live>();
  private running = false;
  private abort = new AbortController();
  private readonly retries: number;
  private readonly retryBaseMs: number;
  private readonly timeoutMs: number;

  constructor(private readonly deps: NotifierDeps) {
    this.retries = deps.retries ?? 4;
    this.retryBaseMs = deps.retryBaseMs ?? 1000;
    this.timeoutMs = deps.timeoutMs ?? 10_000;
  }

  /** Loads the stored subscriptions (the writer taking over); each starts from the entities as they are now. */
  async start(): Promise<void> {
    this.abort = new AbortController();
    this.running = true;
    const subs = await this.deps.store.listSubscriptions();
    const now = this.deps.entities();
    for (const s of subs) this.add(s, now);
  }

  stop(): void {
    this.running = false;
    this.abort.abort();
    for (const l of this.live.values()) if (l.timer !== null) clearTimeout(l.timer);
    this.live.clear();
  }

  /** A new subscription: it is told of changes from the entities as they are now. */
  add(sub: StoredSubscription, entities: Entity[] = this.deps.entities()): void {
    if (!this.running) return;
    const q = sub.spec.q === undefined ? null : parseQuery(sub.spec.q);
    const l: Live = {
      sub,
      selectors: sub.spec.entities?.map((e) => ({ type: servedType(e.type), ...(e.id ? { id: e.id } : {}), ...(e.idPattern ? { pattern: new RegExp(e.idPattern) } : {}) })) ?? null,
      q: typeof q === 'string' ? null : q,
      seen: new Map(),
      pending: new Map(),
      sending: false,
      nextAt: 0,
      timer: null,
      stats: { status: null, timesSent: 0, lastNotification: null, lastSuccess: null, lastFailure: null },
    };
    for (const e of entities) if (this.matches(l, e)) l.seen.set(e['id'] as string, this.fingerprint(l, e));
    this.live.set(sub.id, l);
  }

  remove(id: string): void {
    const l = this.live.get(id);
    if (l?.timer) clearTimeout(l.timer);
    this.live.delete(id);
  }

  status(id: string): NotificationStatus | null {
    return this.live.get(id)?.stats ?? null;
  }

  /** After a tick: what changed for each subscription, queued and sent without waiting. */
  onTick(): void {
    if (!this.running || this.live.size === 0) return;
    const now = this.deps.now();
    const entities = this.deps.entities();
    for (const l of this.live.values()) {
      if (!l.sub.spec.isActive || (l.sub.spec.expiresAt !== undefined && Date.parse(l.sub.spec.expiresAt) <= now)) continue;
      for (const e of entities) {
        if (!this.matches(l, e)) continue;
        const id = e['id'] as string;
        const print = this.fingerprint(l, e);
        if (l.seen.get(id) === print) continue;
        l.seen.set(id, print);
        l.pending.set(id, e);
      }
      this.pump(l);
    }
  }

  private matches(l: Live, e: Entity): boolean {
    const id = e['id'] as string;
    if (l.selectors !== null && !l.selectors.some((s) => s.type === e['type'] && (s.id === undefined || s.id === id) && (s.pattern === undefined || s.pattern.test(id)))) return false;
    return l.q === null || matchesQuery(e, l.q);
  }

  /** The watched attributes as text (every attribute when none are named). */
  private fingerprint(l: Live, e: Entity): string {
    const watched = l.sub.spec.watchedAttributes;
    return JSON.stringify(watched === undefined ? e : watched.map((a) => e[a] ?? null));
  }

  private pump(l: Live): void {
    if (!this.running || l.sending || l.pending.size === 0 || l.timer !== null) return;
    const wait = l.nextAt - Date.now();
    if (wait > 0) {
      l.timer = setTimeout(() => {
        l.timer = null;
        this.pump(l);
      }, wait);
      return;
    }
    const batch = [...l.pending.values()];
    l.pending.clear();
    l.sending = true;
    void this.deliver(l, batch).finally(() => {
      l.sending = false;
      l.nextAt = Date.now() + (l.sub.spec.throttling ?? 0) * 1000;
      this.pump(l);
    });
  }

  private async deliver(l: Live, entities: Entity[]): Promise<void> {
    const { notification, id } = { notification: l.sub.spec.notification, id: l.sub.id };
    const data = entities.map((e) => {
      const picked = notification.attributes === undefined ? e : pickAttributes(e, notification.attributes);
      return notification.format === 'keyValues' ? keyValues(picked) : picked;
    });
    const ld = notification.endpoint.accept === LD;
    const body = JSON.stringify({
      id: `urn:ngsi-ld:Notification:${randomUUID()}`,
      type: 'Notification',
      subscriptionId: id,
      notifiedAt: new Date(this.deps.now()).toISOString(),
      data,
      ...(ld ? { '@context': l.sub.contextUrl } : {}),
    });
    for (let attempt = 0; ; attempt++) {
      if (!this.running || !this.live.has(id)) return;
      l.stats.timesSent++;
      l.stats.lastNotification = this.deps.now();
      try {
        await this.post(notification.endpoint, l.sub.contextUrl, body);
        l.stats.status = 'ok';
        l.stats.lastSuccess = this.deps.now();
        return;
      } catch (err) {
        l.stats.status = 'failed';
        l.stats.lastFailure = this.deps.now();
        if (attempt >= this.retries || !this.running) {
          this.deps.log.warn({ err, subscription: id, endpoint: notification.endpoint.uri, attempts: attempt + 1 }, 'NGSI-LD notification given up');
          return;
        }
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, this.retryBaseMs * 2 ** attempt);
          this.abort.signal.addEventListener(
            'abort',
            () => {
              clearTimeout(t);
              resolve();
            },
            { once: true },
          );
        });
      }
    }
  }

  private async post(endpoint: StoredSubscription['spec']['notification']['endpoint'], contextUrl: string, body: string): Promise<void> {
    const refused = await this.deps.policy.check(endpoint.uri);
    if (refused !== null) throw new Error(refused);
    const ld = endpoint.accept === LD;
    const headers: Record<string, string> = {
      'content-type': ld ? LD : 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      ...(ld ? {} : { link: `<${contextUrl}>; rel="http://www.w3.org/ns/json-ld#context"; type="${LD}"` }),
    };
    for (const r of endpoint.receiverInfo ?? []) headers[r.key] = r.value;
    const client = endpoint.uri.startsWith('https:') ? https : http;
    await new Promise<void>((resolve, reject) => {
      const req = client.request(endpoint.uri, { method: 'POST', headers, lookup: this.deps.policy.lookupFor(endpoint.uri), signal: this.abort.signal, timeout: this.timeoutMs }, (res) => {
        res.resume();
        res.on('end', () => {
          const code = res.statusCode ?? 0;
          if (code >= 200 && code < 300) resolve();
          else reject(new Error(`endpoint answered ${code}`));
        });
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`no answer in ${this.timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  }
}
