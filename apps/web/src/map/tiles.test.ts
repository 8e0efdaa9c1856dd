import { describe, expect, it } from 'vitest';
import { tileUrl, tilesCovering, worldPixel } from './tiles.ts';

describe('worldPixel', () => {
  it('puts (0°, 0°) at the centre of the world and ±180° at its edges', () => {
    expect(worldPixel([0, 0], 0)).toEqual({ x: 128, y: 128 });
    expect(worldPixel([-180, 0], 1).x).toBe(0);
    expect(worldPixel([180, 0], 1).x).toBe(512);
  });
  it('finds the tile of 宝庆中路 in 双清区 at zoom 16 (slippy-map formula: x 53062, y 27611)', () => {
    // x = (111.4812 + 180) / 360 × 2^16 = 53062.53; y = (1 − ln(tan φ + sec φ) / π) / 2 × 2^16 = 27611.38.
    const p = worldPixel([111.4812, 27.2381], 16);
    expect(Math.floor(p.x / 256)).toBe(53062);
    expect(Math.floor(p.y / 256)).toBe(27611);
  });
});

describe('tilesCovering', () => {
  it('covers a 256-px view centred on a tile corner with four tiles, each half in view', () => {
    // At zoom 1, (0°, 0°) is world pixel (256, 256), the corner shared by all four tiles.
    expect(tilesCovering([0, 0], 1, 256, 256)).toEqual([
      { z: 1, x: 0, y: 0, left: -128, top: -128 },
      { z: 1, x: 1, y: 0, left: 128, top: -128 },
      { z: 1, x: 0, y: 1, left: -128, top: 128 },
      { z: 1, x: 1, y: 1, left: 128, top: 128 },
    ]);
  });
  it('wraps across the antimeridian and stops at the poles', () => {
    const tiles = tilesCovering([180, 85.05112878], 1, 256, 256);
    expect(tiles.map((t) => [t.x, t.y])).toEqual([
      [1, 0],
      [0, 0],
    ]);
  });
});

describe('tileUrl', () => {
  it('fills a 天地图 template, spreading tiles over its subdomains', () => {
    const source = { url: 'https://t{s}.tianditu.gov.cn/DataServer?T=vec_w&x={x}&y={y}&l={z}&tk=K', subdomains: ['0', '1', '2'] };
    expect(tileUrl(source, { z: 16, x: 53062, y: 27611 })).toBe('https://t0.tianditu.gov.cn/DataServer?T=vec_w&x=53062&y=27611&l=16&tk=K'); // 53062 + 27611 = 80673, a multiple of 3
  });
});
