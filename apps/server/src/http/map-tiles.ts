import type { FastifyInstance } from 'fastify';
import { mapTilesSchema, type MapTiles } from '@cw/contracts';
import { requires } from '../auth/http-auth.ts';
import { errorResponses } from './errors.ts';

/**
 * The configured street tile source: checked at start-up (a bad template stops the server
 * with the variable's name) and the origins its tiles come from, for the CSP's img-src.
 */
export function parseMapTiles(url: string, subdomains: string, attribution: string, maxZoom: number): { tiles: MapTiles; origins: string[] } {
  const subs = subdomains.split(/[\s,]+/).filter(Boolean);
  if (url.trim() === '') return { tiles: { url: null, subdomains: [], attribution: '', maxZoom }, origins: [] };
  for (const part of ['{z}', '{x}', '{y}']) if (!url.includes(part)) throw new Error(`MAP_TILE_URL must contain ${part}`);
  if (url.includes('{s}') && subs.length === 0) throw new Error('MAP_TILE_URL uses {s}: set MAP_TILE_SUBDOMAINS');
  const origins = new Set<string>();
  for (const s of url.includes('{s}') ? subs : ['']) {
    let parsed: URL;
    try {
      parsed = new URL(url.replaceAll('{s}', s).replace(/\{[xyz]\}/g, '0'));
    } catch {
      throw new Error('MAP_TILE_URL is not a URL');
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('MAP_TILE_URL must be http(s)');
    origins.add(parsed.origin);
  }
  return { tiles: { url, subdomains: subs, attribution, maxZoom }, origins: [...origins] };
}

export function registerMapTileRoute(app: FastifyInstance, tiles: MapTiles): void {
  app.get('/api/v1/map/tiles', {
    preValidation: requires('profile.read'),
    schema: { tags: ['reference'], summary: 'The street tile source for the case maps (url null: boundaries only)', response: { 200: mapTilesSchema, ...errorResponses } },
  }, async () => tiles);
}
