import { z } from 'zod';

/**
 * The street map under the case maps: an XYZ tile source (天地图, or a self-hosted tile
 * server) in Web Mercator with WGS 84 / CGCS2000 coordinates, as the profile's. Tiles in
 * GCJ-02 or BD-09 (the commercial Chinese maps) would put every pin a few hundred metres off.
 * GET /api/v1/map/tiles; `url` null when none is configured (the default): screens then draw
 * the division boundaries only.
 */
export const mapTilesSchema = z.object({
  /** Template with {z}, {x}, {y} and optionally {s} (one of `subdomains`). */
  url: z.string().nullable(),
  subdomains: z.array(z.string()),
  /** Shown on the map, as the provider's terms require (天地图: 审图号 and the provider). */
  attribution: z.string(),
  maxZoom: z.number().int().min(1).max(22),
});
export type MapTiles = z.infer<typeof mapTilesSchema>;
