import { create } from 'zustand';
import { chooseLayout, type WallLayout } from './layout.ts';

interface Viewport {
  width: number;
  height: number;
}

const measure = (): Viewport => ({ width: window.innerWidth, height: window.innerHeight });

/** The window's size; changes only when the window is resized (rare on a wall). */
const useViewportStore = create<Viewport>(measure);

window.addEventListener('resize', () => useViewportStore.setState(measure()));

export const useLayout = (): WallLayout => useViewportStore((v) => chooseLayout(v.width, v.height));

/** 1 vh in px, for chart type sized like the CSS. */
export const useVh = (): number => useViewportStore((v) => v.height / 100);
