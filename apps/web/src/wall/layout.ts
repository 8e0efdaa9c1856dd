/**
 * Which arrangement a screen gets. Type is sized from the viewport height (vh), so what
 * changes with the aspect ratio is the number of columns, not the size of things:
 * - standard (16:9, 16:10, 21:9): map in the centre, domains in a column each side;
 * - wide (32:9 and wider): map in the centre, every domain in its own full-height column.
 */
export type WallLayout = 'standard' | 'wide';

/** 21:9 (2.37) still reads well as standard; 32:9 (3.56) would leave two-thirds of it empty. */
const WIDE_FROM = 2.6;

export function chooseLayout(width: number, height: number): WallLayout {
  return height > 0 && width / height >= WIDE_FROM ? 'wide' : 'standard';
}

/** How many rows of `rowPx` (plus `gapPx` between them) fit in `availablePx`; at least 0. */
export function rowsThatFit(availablePx: number, rowPx: number, gapPx = 0): number {
  if (rowPx <= 0 || availablePx <= 0) return 0;
  return Math.max(0, Math.floor((availablePx + gapPx) / (rowPx + gapPx)));
}

/**
 * Columns for `count` tiles with room for at most `maxColumns` a row: as few rows as
 * possible, then as few columns as fill them evenly, so the last row is never mostly empty
 * (7 tiles in rows of up to 6: 4 + 3, not 6 + 1).
 */
export function balancedColumns(count: number, maxColumns: number): number {
  if (count <= 0 || maxColumns <= 0) return 1;
  const rows = Math.ceil(count / maxColumns);
  return Math.ceil(count / rows);
}
