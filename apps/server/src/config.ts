import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const bool = z
  .enum(['on', 'off', 'true', 'false', '1', '0'])
  .transform((v) => v === 'on' || v === 'true' || v === '1');

/**
 * Every setting comes from the environment, with the defaults documented in
 * docs/configuration.md. Unknown values fail fast at start-up with the variable's name.
 */
export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default(path.join(repoRoot, 'data')),
  STORAGE: z.enum(['sqlite', 'memory']).default('sqlite'),
  CITY_PROFILE: z.string().min(1).default('shaoyang'),
  TICK_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  SIMULATOR: bool.default(true),
  SIM_SEED: z.coerce.number().int().default(20261127),
  SIM_AIR_INTERVAL_MS: z.coerce.number().int().min(1000).default(10_000),
  /** Simulated seconds per real second; above 1 the whole server runs on simulated time. */
  SIM_SPEED: z.coerce.number().positive().max(10_000).default(1),
  /** Start simulated time here (ISO 8601) instead of now; implies the simulated clock. */
  SIM_START: z
    .string()
    .refine((v) => !Number.isNaN(Date.parse(v)), 'an ISO 8601 date-time, e.g. 2026-11-27T10:00:00+08:00')
    .transform((v) => Date.parse(v))
    .optional(),
  LATE_ALLOWANCE_MS: z.coerce.number().int().min(0).max(24 * 3_600_000).default(120_000),
  /** Raw events are journaled for replay after a restart; older ones are pruned. */
  RAW_RETENTION_HOURS: z.coerce.number().positive().default(6),
  DELTA_LOG_SIZE: z.coerce.number().int().min(1).default(600),
  WEB_DIST: z.string().default(path.join(repoRoot, 'apps/web/dist')),
  PROFILES_DIR: z.string().default(path.join(repoRoot, 'profiles')),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type Config = z.infer<typeof configSchema>;

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const relevant = Object.fromEntries(Object.keys(configSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const parsed = configSchema.safeParse(relevant);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
