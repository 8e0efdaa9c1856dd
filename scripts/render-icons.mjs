// Renders the app icons (apps/web/public/icons/*.svg) to the PNG sizes the web app manifest
// lists, with Debian's Chromium: `node scripts/render-icons.mjs`. The PNGs are committed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../apps/web/public/icons');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
for (const [svg, sizes] of [['icon.svg', [192, 512]], ['icon-maskable.svg', [512]], ['icon.svg', [180]]]) {
  const markup = fs.readFileSync(path.join(dir, svg), 'utf8');
  for (const size of sizes) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<html><body style="margin:0;background:transparent">${markup.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
    const name = svg === 'icon.svg' && size === 180 ? 'apple-touch-icon.png' : `${svg.replace('.svg', '')}-${size}.png`;
    await page.screenshot({ path: path.join(dir, name), omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  }
}
await browser.close();
