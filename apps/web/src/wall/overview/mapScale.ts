/**
 * The map's colour scale for magnitudes: a few pieces with round bounds (0–200, 200–400, …),
 * so a legend can say what each colour counts and the fill changes only when a division
 * crosses a bound.
 */
export interface ScalePiece {
  /** Inclusive lower bound. */
  min: number;
  /** Exclusive upper bound; null for the open top piece. */
  max: number | null;
}

/** At most this many pieces: more shades of one hue are hard to tell apart. */
export const MAX_PIECES = 5;

/** The largest known value, at least 1 so an all-zero map still has a scale. */
export function scaleTop(values: readonly (number | null)[]): number {
  return values.reduce<number>((m, v) => (v !== null && v > m ? v : m), 1);
}

/** The round step (1, 2, 2.5 or 5 × 10ᵏ; whole numbers from 1 up) that splits 0…top into at most `pieces`. */
export function roundStep(top: number, pieces = MAX_PIECES): number {
  const raw = top / pieces;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) {
    const step = m * magnitude;
    if (step >= raw && (step >= 1 || top > pieces)) return Math.max(step, 1);
  }
  return Math.max(10 * magnitude, 1);
}

/** Pieces from 0 by `roundStep`, the top one open, covering every value up to `top`. */
export function stepPieces(top: number, pieces = MAX_PIECES): ScalePiece[] {
  const step = roundStep(top, pieces);
  const count = Math.min(pieces, Math.max(1, Math.ceil(top / step + 1e-9)));
  return Array.from({ length: count }, (_, i) => ({ min: i * step, max: i === count - 1 ? null : (i + 1) * step }));
}

/** Which piece a value falls in (values below 0 in the first), null for no value. */
export function pieceOf(value: number | null, pieces: readonly ScalePiece[]): number | null {
  if (value === null || pieces.length === 0) return null;
  const i = pieces.findIndex((p) => p.max === null || value < p.max);
  return i === -1 ? pieces.length - 1 : i;
}

/** The colour of piece `i` of `count`, spread over the ramp so few pieces still span it. */
export function pieceColour(ramp: readonly string[], i: number, count: number): string {
  if (count <= 1) return ramp[ramp.length - 1]!;
  return ramp[Math.round((i * (ramp.length - 1)) / (count - 1))]!;
}

/**
 * A piece as the legend says it: one value for pieces of whole numbers one wide ("3"),
 * whole-number ranges with both ends counted ("200–399"), else from–to ("2.5–5"); the
 * top piece open ("≥800").
 */
export function pieceLabel(piece: ScalePiece, wholeNumbers: boolean, format: (v: number) => string = String): string {
  if (piece.max === null) return `≥${format(piece.min)}`;
  if (wholeNumbers && Number.isInteger(piece.min) && Number.isInteger(piece.max)) {
    return piece.max - piece.min === 1 ? format(piece.min) : `${format(piece.min)}–${format(piece.max - 1)}`;
  }
  return `${format(piece.min)}–${format(piece.max)}`;
}
