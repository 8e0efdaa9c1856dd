import { useEffect, useEffectEvent } from 'react';
import { keyCommand, type KeyCommand } from './keys.ts';

const FIELDS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/** Feeds the desk's key commands to `handle`, which says whether it used them (then the browser does not). */
export function useDeskKeys(handle: (cmd: KeyCommand) => boolean): void {
  const onCommand = useEffectEvent(handle);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target instanceof HTMLElement ? e.target : null;
      const inField = el !== null && (FIELDS.has(el.tagName) || el.isContentEditable);
      const cmd = keyCommand({ key: e.key, ctrlKey: e.ctrlKey, altKey: e.altKey, metaKey: e.metaKey, inField });
      if (cmd === null) return;
      if (onCommand(cmd)) e.preventDefault();
      // Escape with nothing left to close leaves the field, so the keys work again.
      else if (cmd.kind === 'close' && inField) el.blur();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
