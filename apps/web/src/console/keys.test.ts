import { describe, expect, it } from 'vitest';
import { keyCommand, type KeyInput } from './keys.ts';

const press = (key: string, over: Partial<KeyInput> = {}) => keyCommand({ key, ctrlKey: false, altKey: false, metaKey: false, inField: false, ...over });

describe('keyCommand', () => {
  it('moves through the queue with the arrows or J/K, and jumps to its ends', () => {
    expect(press('ArrowDown')).toEqual({ kind: 'move', delta: 1 });
    expect(press('j')).toEqual({ kind: 'move', delta: 1 });
    expect(press('ArrowUp')).toEqual({ kind: 'move', delta: -1 });
    expect(press('k')).toEqual({ kind: 'move', delta: -1 });
    expect(press('Home')).toEqual({ kind: 'edge', to: 'first' });
    expect(press('End')).toEqual({ kind: 'edge', to: 'last' });
  });

  it('takes the numbered actions with 1–9 (0 is not one)', () => {
    expect(press('1')).toEqual({ kind: 'action', key: '1' });
    expect(press('9')).toEqual({ kind: 'action', key: '9' });
    expect(press('0')).toBeNull();
  });

  it('opens search, intake and instructions, switches views, and closes with Escape', () => {
    expect(press('/')).toEqual({ kind: 'search' });
    expect(press('n')).toEqual({ kind: 'intake' });
    expect(press('i')).toEqual({ kind: 'instruct' });
    expect(press(']')).toEqual({ kind: 'view', delta: 1 });
    expect(press('[')).toEqual({ kind: 'view', delta: -1 });
    expect(press('Escape')).toEqual({ kind: 'close' });
  });

  it('leaves typing alone: only Escape acts inside a field', () => {
    expect(press('1', { inField: true })).toBeNull();
    expect(press('j', { inField: true })).toBeNull();
    expect(press('/', { inField: true })).toBeNull();
    expect(press('Escape', { inField: true })).toEqual({ kind: 'close' });
  });

  it('leaves browser shortcuts alone', () => {
    expect(press('1', { ctrlKey: true })).toBeNull();
    expect(press('n', { metaKey: true })).toBeNull();
    expect(press('ArrowDown', { altKey: true })).toBeNull();
  });

  it('ignores keys it does not know, including capitals', () => {
    expect(press('N')).toBeNull();
    expect(press('x')).toBeNull();
    expect(press('Enter')).toBeNull();
  });
});
