import type { Logger } from 'pino';

/** One message to a department about an emergency. */
export interface OutgoingNotification {
  emergencyId: string;
  department: string;
  departmentName: string;
  text: string;
}

/** What became of a notification; `detail` is shown on the timeline (never the webhook's URL). */
export interface DeliveryResult {
  ok: boolean;
  detail: string;
}

/** How notifications leave the building. */
export interface Notifier {
  /** Shown on the timeline, e.g. 日志 or 群机器人. */
  readonly channel: string;
  send(n: OutgoingNotification): Promise<DeliveryResult>;
}

/** The default: writes the notification to the log and nowhere else. */
export function logNotifier(log: Logger): Notifier {
  return {
    channel: '日志',
    async send(n) {
      log.info({ emergency: n.emergencyId, department: n.department }, `notification: ${n.text}`);
      return { ok: true, detail: '已记录（未配置外发通道）' };
    },
  };
}

/**
 * A group-robot webhook: POSTs `{"msgtype":"text","text":{"content":…}}`, the text message
 * 企业微信 / 政务微信 and 钉钉 robots accept (SMS gateways with a webhook front take it too).
 * Delivered when the answer is 2xx and, if it is JSON with an `errcode`, that is 0.
 */
export function webhookNotifier(url: string, timeoutMs = 5000): Notifier {
  return {
    channel: '群机器人',
    async send(n) {
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ msgtype: 'text', text: { content: `【${n.departmentName}】${n.text}` } }),
          signal: AbortSignal.timeout(timeoutMs),
        });
        const body = await res.text();
        if (!res.ok) return { ok: false, detail: `HTTP ${res.status}` };
        let errcode: unknown = 0;
        try {
          errcode = (JSON.parse(body) as { errcode?: unknown }).errcode ?? 0;
        } catch {
          // A gateway answering 2xx with plain text accepted the message.
        }
        return errcode === 0 ? { ok: true, detail: `HTTP ${res.status}` } : { ok: false, detail: `HTTP ${res.status}, errcode ${String(errcode)}` };
      } catch (err) {
        return { ok: false, detail: err instanceof Error && err.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : 'unreachable' };
      }
    },
  };
}
