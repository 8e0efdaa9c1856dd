import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { forwardsToWriter } from './forward.ts';

describe('which requests an edge passes to the writer', () => {
  it('forwards every write and the reads of the writer’s memory, answers shared reads itself', () => {
    const forwarded = (method: string, url: string) => forwardsToWriter({ method, url });
    expect(forwarded('POST', '/api/v1/cases')).toBe(true);
    expect(forwarded('PUT', '/api/v1/thresholds/env.o3')).toBe(true);
    expect(forwarded('POST', '/api/v1/ingest')).toBe(true);
    // Live cases, rollup history and daily AQI live in the writer's memory.
    expect(forwarded('GET', '/api/v1/cases/C20261127-0001')).toBe(true);
    expect(forwarded('GET', '/api/v1/metrics/env.aqi/history?scope=city')).toBe(true);
    expect(forwarded('GET', '/api/v1/air/daily')).toBe(true);
    // Shared storage, the profile and settings: any node.
    expect(forwarded('GET', '/api/v1/catalogue')).toBe(false);
    expect(forwarded('GET', '/api/v1/alerts?from=0')).toBe(false);
    expect(forwarded('GET', '/api/v1/auth/whoami')).toBe(false);
    // Sign-in reads and counts its lock-outs in the store: any node.
    expect(forwarded('POST', '/api/v1/auth/login')).toBe(false);
    expect(forwarded('POST', '/api/v1/auth/logout')).toBe(true);
    // Wall pairing lives in shared storage: started, approved and collected on any node.
    expect(forwarded('POST', '/api/v1/pairing')).toBe(false);
    expect(forwarded('POST', '/api/v1/pairing/5b1c/collect')).toBe(false);
    expect(forwarded('POST', '/api/v1/displays')).toBe(false);
    expect(forwarded('DELETE', '/api/v1/displays/5b1c')).toBe(true);
    expect(forwarded('POST', '/api/v1/pairing/5b1c/collect/x')).toBe(true);
    // Field photos are in the store; uploading one is a write like any other.
    expect(forwarded('GET', '/api/v1/cases/C20261127-0001/photos/0123456789abcdef0123456789abcdef')).toBe(false);
    expect(forwarded('POST', '/api/v1/cases/C20261127-0001/photos')).toBe(true);
    // Not the API: the web app, health, metrics.
    expect(forwarded('GET', '/wall')).toBe(false);
    expect(forwarded('GET', '/readyz')).toBe(false);
    expect(forwarded('POST', '/readyz')).toBe(false);
  });

  it('refuses cluster mode on storage the nodes cannot share', () => {
    expect(() => loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', STORAGE: 'memory' })).toThrow(/STORAGE: cluster mode/);
    expect(() => loadConfig({ REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(/REDIS_URL/);
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(loadConfig({}).REDIS_URL).toBeUndefined();
  });
});
