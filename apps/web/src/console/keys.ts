/**
 * The desks' keyboard: one key per thing an officer does all day. Keys never act while the
 * user is typing in a field (except Escape), and never with Ctrl, Alt or Meta, which belong
 * to the browser.
 */
export type KeyCommand =
  | { kind: 'move'; delta: 1 | -1 }
  | { kind: 'edge'; to: 'first' | 'last' }
  | { kind: 'action'; key: string }
  | { kind: 'view'; delta: 1 | -1 }
  | { kind: 'search' }
  | { kind: 'intake' }
  | { kind: 'instruct' }
  | { kind: 'close' };

export interface KeyInput {
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  /** Focus is in a text field, select or text area. */
  inField: boolean;
}

const FIXED: Record<string, KeyCommand> = {
  ArrowDown: { kind: 'move', delta: 1 },
  j: { kind: 'move', delta: 1 },
  ArrowUp: { kind: 'move', delta: -1 },
  k: { kind: 'move', delta: -1 },
  Home: { kind: 'edge', to: 'first' },
  End: { kind: 'edge', to: 'last' },
  ']': { kind: 'view', delta: 1 },
  '[': { kind: 'view', delta: -1 },
  '/': { kind: 'search' },
  n: { kind: 'intake' },
  i: { kind: 'instruct' },
  Escape: { kind: 'close' },
};

export function keyCommand(e: KeyInput): KeyCommand | null {
  if (e.ctrlKey || e.altKey || e.metaKey) return null;
  if (e.inField) return e.key === 'Escape' ? { kind: 'close' } : null;
  if (/^[1-9]$/.test(e.key)) return { kind: 'action', key: e.key };
  return FIXED[e.key] ?? null;
}

/** The list of shortcuts shown in the desks' footer, as (keys, message key) pairs. */
export const KEY_LEGEND = [
  ['↑ ↓ / J K', 'keys.move'],
  ['1–9', 'keys.action'],
  ['[ ]', 'keys.view'],
  ['/', 'keys.search'],
  ['N', 'keys.intake'],
  ['I', 'keys.instruct'],
  ['Esc', 'keys.close'],
] as const;
