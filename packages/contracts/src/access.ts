import { z } from 'zod';

/**
 * Who may use the system. What each role may do is decided in one place: the permission
 * table in packages/access.
 */
export const ROLES = ['wall', 'leader', 'shift_leader', 'duty_officer', 'inspector', 'department', 'admin', 'source'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

const username = z.string().regex(/^[a-z0-9_.-]{3,32}$/, 'username: 3–32 lowercase letters, digits, _ . -');
const password = z.string().min(10, 'at least 10 characters').max(200);
const displayName = z.string().trim().min(1).max(64);

export const loginSchema = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) });
export type LoginRequest = z.infer<typeof loginSchema>;

export const changePasswordSchema = z.object({ current: z.string().min(1).max(200), next: password });

/** The signed-in identity as the web app sees it. */
export interface Me {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  department: string | null;
  /** A generated first password must be replaced before anything else. */
  mustChangePassword: boolean;
  /** How the request was authenticated. */
  via: 'session' | 'display' | 'api_key';
}

export const newUserSchema = z
  .object({
    username,
    displayName,
    role: roleSchema.exclude(['wall', 'source']),
    department: z.string().min(1).max(64).nullable().default(null),
    password,
  })
  .refine((u) => (u.role === 'department') === (u.department !== null), {
    message: 'department handlers need a department; other roles have none',
    path: ['department'],
  });
export type NewUser = z.infer<typeof newUserSchema>;

export const updateUserSchema = z.object({
  displayName: displayName.optional(),
  disabled: z.boolean().optional(),
  password: password.optional(),
});

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  department: string | null;
  disabled: boolean;
  createdAt: number;
}

/** A paired wall display: a long-lived credential limited to the wall role. */
export interface DisplayRecord {
  id: string;
  name: string;
  createdAt: number;
  lastSeenAt: number | null;
  revoked: boolean;
}

export const pairDisplaySchema = z.object({
  code: z.string().regex(/^[A-Z0-9]{3}-?[A-Z0-9]{3}$/i, 'a code like K7M-4QX'),
  name: displayName,
});

/**
 * What a data source is registered for: the department that owns it, the event kinds its key
 * may send (null: any), how often it is expected to report (null: no expectation, never
 * stale) and its event budget (null: only the per-request write limit).
 */
export const sourceRegistrationSchema = z.object({
  department: z.string().min(1).max(64).nullable(),
  kinds: z.array(z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/, 'a kind like air.reading')).min(1).max(64).nullable(),
  intervalSec: z.number().int().min(1).max(7 * 86_400).nullable(),
  maxEventsPerSec: z.number().int().min(1).max(1_000_000).nullable(),
});
export type SourceRegistration = z.infer<typeof sourceRegistrationSchema>;

/** A data source's API key (role `source`): may post raw events of its kinds, nothing else. */
export const newSourceSchema = z.object({
  name: displayName,
  department: sourceRegistrationSchema.shape.department.default(null),
  kinds: sourceRegistrationSchema.shape.kinds.default(null),
  intervalSec: sourceRegistrationSchema.shape.intervalSec.default(null),
  maxEventsPerSec: sourceRegistrationSchema.shape.maxEventsPerSec.default(null),
});

/** A data source as the registry lists it: its key's record, its registration and its health (null once revoked). */
export interface SourceRecord extends DisplayRecord {
  registration: SourceRegistration | null;
  health: SourceHealth | null;
  /** The figures it feeds (metric ids), from the kinds it is registered for; empty when it may send any kind. */
  feeds: string[];
}

/** A source's health, from what the ingest path saw (in memory, since the server started). */
export interface SourceHealth {
  /** Server time of the last accepted event; null if none since the server started. */
  lastEventAt: number | null;
  /** Events accepted in the last full minute. */
  eventsPerMinute: number;
  /** Refused lines over lines received in the last five minutes (0 when none). */
  refusalRate: number;
  /** Silent for longer than its expected interval. */
  stale: boolean;
}

export interface AuditEntry {
  seq: number;
  at: number;
  actor: string | null;
  actorName: string | null;
  role: Role | null;
  action: string;
  target: string | null;
  outcome: 'ok' | 'refused';
  ip: string | null;
  detail: unknown;
}
