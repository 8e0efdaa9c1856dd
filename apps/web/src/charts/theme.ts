/**
 * Chart colours and type sizes. Saturated colour is for data and states only; chrome is
 * low-saturation. Sizes are from the viewport height, like the CSS (1 vh = height / 100).
 */
export const CHART = {
  text: '#e6eefc',
  muted: '#9fb2d6',
  grid: 'rgba(120, 160, 230, 0.16)',
  today: '#35d0ff',
  yesterday: '#8a97b8',
  bar: '#3d8bff',
  barToday: '#35d0ff',
  warning: '#ffb020',
  critical: '#ff4d4f',
  /** Sequential ramp for magnitudes on the map (no status or AQI meaning). */
  ramp: ['#16335e', '#1d5fa8', '#2f9be0', '#5fe0ff'],
  /** The map's stepped scale for magnitudes: five distinguishable shades of one hue, light for more. */
  steps: ['#1f4f8f', '#2a73c4', '#3a9ae6', '#5cc3f5', '#9be6ff'],
} as const;

/** The smallest chart text, matching the CSS's smallest (1.6 vh). */
export const chartFont = (vh: number) => Math.round(1.6 * vh);
