import { describe, expect, it } from 'vitest';
import { cityGeometry, mapFrames, nudgeInto, panelBounds, pastObstacle, poleOfInaccessibility, toPixel, type LonLat } from './mapGeometry.ts';

const square = (x: number, y: number, side: number): LonLat[][] => [
  [
    [x, y],
    [x + side, y],
    [x + side, y + side],
    [x, y + side],
    [x, y],
  ],
];
const feature = (id: string, rings: LonLat[][]) => ({ id, properties: null, geometry: { type: 'Polygon', coordinates: rings } });

describe('label points', () => {
  it('puts a square’s label at its centre, half a side from the edges', () => {
    const { at, radius } = poleOfInaccessibility([square(0, 0, 2)], 1);
    expect(at[0]).toBeCloseTo(1, 1);
    expect(at[1]).toBeCloseTo(1, 1);
    expect(radius).toBeCloseTo(1, 1);
  });

  it('puts an L-shaped division’s label in its wide arm, not at the corner outside it', () => {
    // An L: a 4×1 bar along the bottom and a 1×4 bar up the left side. Its bounding box's
    // centre (2, 2) lies outside it; the best points are in the arms, 0.5 from the edges.
    const l: LonLat[][] = [
      [
        [0, 0],
        [4, 0],
        [4, 1],
        [1, 1],
        [1, 4],
        [0, 4],
        [0, 0],
      ],
    ];
    const { at, radius } = poleOfInaccessibility([l], 1);
    expect(radius).toBeGreaterThan(0.45);
    expect(at[0] <= 1 || at[1] <= 1).toBe(true);
  });
});

describe('the inset', () => {
  // A 10×10 city at the equator (no east–west scaling) with three 0.2-wide districts
  // clustered at its centre, one 10-wide county under them.
  const city = cityGeometry([
    feature('county', square(0, 0, 10)),
    feature('a', square(5, 5, 0.2)),
    feature('b', square(5.2, 5, 0.2)),
    feature('c', square(5, 5.2, 0.2)),
  ]);

  it('holds the divisions too small for a name, and their extent', () => {
    expect(city.insetCodes).toEqual(['a', 'b', 'c']);
    expect(city.insetBounds).toEqual({ west: 5, south: 5, east: 5.4, north: 5.4 });
    expect(city.aspectScale).toBeCloseTo(Math.cos((5 * Math.PI) / 180), 6);
  });

  it('needs none when no division is small', () => {
    const plain = cityGeometry([feature('x', square(0, 0, 1)), feature('y', square(1, 0, 1))]);
    expect(plain.insetCodes).toEqual([]);
    expect(plain.insetBounds).toBeNull();
    expect(mapFrames(800, 400, plain, 20, 5).inset).toBeNull();
  });

  it('goes where the box leaves room beside the city, never on its outline', () => {
    // The city is square and the box twice as wide: the map takes the left 400 px and the
    // inset the free 400 px beside it, as large as its square shape allows below the caption.
    const frames = mapFrames(800, 400, city, 20, 5);
    expect(frames.main.height).toBeCloseTo(400, 6);
    expect(frames.main.width).toBeCloseTo(400 * city.aspectScale, 6);
    const inset = frames.inset!;
    const right = frames.main.x + frames.main.width;
    expect(inset.frame.x).toBeGreaterThanOrEqual(right + 5 - 1e-6);
    expect(inset.map.y - inset.frame.y).toBe(20);
    // Square districts, square inset map.
    expect(inset.map.width / inset.map.height).toBeCloseTo(city.aspectScale, 2);
    expect(inset.frame.x + inset.frame.width).toBeCloseTo(800, 6);
  });

  it('maps the city’s corners to the box’s corners', () => {
    const box = { x: 10, y: 20, width: 100, height: 50 };
    const bounds = { west: 0, south: 0, east: 10, north: 5 };
    expect(toPixel(box, bounds, [0, 5])).toEqual([10, 20]);
    expect(toPixel(box, bounds, [10, 0])).toEqual([110, 70]);
  });
});

describe('the zoomed map’s extent', () => {
  it('covers the whole box at the city frame’s scale, the city where it was', () => {
    // A 10°×5° city drawn 100×50 px at (10, 20) in a 200×100 box: 10 px a degree both ways.
    // The box reaches 1° west of it, 9° east, 2° north and 3° south.
    const bounds = { west: 100, south: 20, east: 110, north: 25 };
    const main = { x: 10, y: 20, width: 100, height: 50 };
    const b = panelBounds(200, 100, main, bounds);
    expect(b).toEqual({ west: 99, east: 119, north: 27, south: 17 });
    // The whole box shows those bounds, so a point of the city lands on the same pixel.
    const whole = { x: 0, y: 0, width: 200, height: 100 };
    expect(toPixel(whole, b, [103, 22])).toEqual(toPixel(main, bounds, [103, 22]));
  });
});

describe('labels near a frame’s edge', () => {
  const box = { x: 0, y: 0, width: 100, height: 100 };
  it('slide inwards by what sticks out, and stay put inside', () => {
    expect(nudgeInto({ x: 80, y: 0, width: 30, height: 10 }, box)).toBe(-10);
    expect(nudgeInto({ x: -5, y: 0, width: 30, height: 10 }, box)).toBe(5);
    expect(nudgeInto({ x: 10, y: 0, width: 30, height: 10 }, box)).toBe(0);
    // Wider than the frame: centred on it.
    expect(nudgeInto({ x: 0, y: 0, width: 120, height: 10 }, box)).toBe(-10);
  });
});

describe('a name under the metric buttons', () => {
  const buttons = { x: 0, y: 0, width: 180, height: 160 };
  it('moves right past them by the gap', () => {
    // A name 80 px wide from x = 150, y = 140..170: it meets the buttons (to 180 × 160), so it
    // moves to x = 180 + 6 = 186, that is 36 px.
    expect(pastObstacle({ x: 150, y: 140, width: 80, height: 30 }, buttons, 6)).toBe(36);
  });
  it('stays where it is below or beside them', () => {
    expect(pastObstacle({ x: 150, y: 160, width: 80, height: 30 }, buttons, 6)).toBe(0);
    expect(pastObstacle({ x: 180, y: 20, width: 80, height: 30 }, buttons, 6)).toBe(0);
  });
});
