import { afterAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../app.ts';
import { login, startTestServer } from '../testing/harness.ts';
import { parseMapTiles } from './map-tiles.ts';

const TIANDITU = 'https://t{s}.tianditu.gov.cn/DataServer?T=vec_w&x={x}&y={y}&l={z}&tk=KEY';

describe('parseMapTiles', () => {
  it('has no source and no origin by default', () => {
    expect(parseMapTiles('', '', '', 18)).toEqual({ tiles: { url: null, subdomains: [], attribution: '', maxZoom: 18 }, origins: [] });
  });
  it('allows each subdomain origin of a 天地图 template', () => {
    const { tiles, origins } = parseMapTiles(TIANDITU, '0 1,2', '天地图', 18);
    expect(tiles.subdomains).toEqual(['0', '1', '2']);
    expect(origins).toEqual(['https://t0.tianditu.gov.cn', 'https://t1.tianditu.gov.cn', 'https://t2.tianditu.gov.cn']);
  });
  it('allows a self-hosted server by its origin, port included', () => {
    expect(parseMapTiles('http://tiles.city.local:8081/osm/{z}/{x}/{y}.png', '', '', 17).origins).toEqual(['http://tiles.city.local:8081']);
  });
  it('refuses a template that cannot work', () => {
    expect(() => parseMapTiles('https://tiles.example/{z}/{x}.png', '', '', 18)).toThrow('MAP_TILE_URL must contain {y}');
    expect(() => parseMapTiles(TIANDITU, '', '', 18)).toThrow('MAP_TILE_SUBDOMAINS');
    expect(() => parseMapTiles('javascript:{z}{x}{y}', '', '', 18)).toThrow('http(s)');
  });
});

describe('GET /api/v1/map/tiles', () => {
  let s: RunningServer | undefined;
  afterAll(async () => s?.stop());

  it('serves the configured source and lets its origin through the CSP', async () => {
    s = await startTestServer({ MAP_TILE_URL: TIANDITU, MAP_TILE_SUBDOMAINS: '0 1', MAP_TILE_ATTRIBUTION: '天地图' });
    const csp = (await fetch(`${s.url}/healthz`)).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("img-src 'self' data: blob: https://t0.tianditu.gov.cn https://t1.tianditu.gov.cn;");
    const token = await login(s, 'officer');
    const res = await fetch(`${s.url}/api/v1/map/tiles`, { headers: { authorization: `Bearer ${token}` } });
    expect(await res.json()).toEqual({ url: TIANDITU, subdomains: ['0', '1'], attribution: '天地图', maxZoom: 18 });
  });
});
