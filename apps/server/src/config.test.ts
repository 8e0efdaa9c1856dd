import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('storage configuration', () => {
  it('defaults to SQLite with no database URL', () => {
    const c = loadConfig({});
    expect(c.STORAGE).toBe('sqlite');
    expect(c.DATABASE_URL).toBeUndefined();
  });

  it('takes PostgreSQL with a postgres:// URL and a pool size', () => {
    const c = loadConfig({ STORAGE: 'postgres', DATABASE_URL: 'postgres://cw:secret@db.internal:5432/citywindow?sslmode=require', DATABASE_POOL_SIZE: '4' });
    expect(c.STORAGE).toBe('postgres');
    expect(c.DATABASE_URL).toBe('postgres://cw:secret@db.internal:5432/citywindow?sslmode=require');
    expect(c.DATABASE_POOL_SIZE).toBe(4);
  });

  it('refuses PostgreSQL without a URL, or with a URL of another kind, naming the variable', () => {
    expect(() => loadConfig({ STORAGE: 'postgres' })).toThrow('DATABASE_URL: required with STORAGE=postgres');
    expect(() => loadConfig({ STORAGE: 'postgres', DATABASE_URL: 'mysql://db/citywindow' })).toThrow(/DATABASE_URL: a postgres:\/\/ connection string/);
    expect(() => loadConfig({ STORAGE: 'oracle' })).toThrow(/STORAGE/);
  });
});
