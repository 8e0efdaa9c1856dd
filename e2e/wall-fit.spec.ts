// page.evaluate callbacks run in the browser.
/// <reference lib="dom" />
import { expect, test, type Page } from '@playwright/test';
import { seedBusyMorning } from './support/busyDay.ts';
import { lastCityHour, startServerProcess, type ServerProcess } from './support/server.ts';
import { openWall, overflowing, watchConsole } from './support/wall.ts';
import { screenshotPath } from './support/screenshots.ts';

/**
 * Every page of the wall, at the three wall sizes and in both languages: the overview map
 * names all 12 divisions, no text is cut off, no tile grid leaves a row half empty, and a
 * ranking shows the worst division first. Screenshots of every page are left in screenshots/.
 */

let server: ServerProcess;

test.beforeAll(async ({ request }) => {
  test.setTimeout(240_000);
  // The clock at 14:00 in the city: today has closed hours and an open one. 31 days of history:
  // every "last 30 days" chart full, the first (partial) day outside it.
  server = await startServerProcess({ SIM_BACKFILL_DAYS: '31', SIM_START: lastCityHour(14), SIM_AIR_INTERVAL_MS: '2000', TICK_MS: '1000' }, { readyWithinMs: 230_000 });
  // Open cases in several divisions for the dispatch board's map.
  await seedBusyMorning(request, server.url);
});

test.afterAll(async () => {
  await server?.stop();
});

const PAGES = ['overview', 'government', 'environment', 'safety', 'livelihood', 'tourism', 'dispatch'] as const;
const SCREENS = [
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
  { width: 7680, height: 2160 },
] as const;

/** The map's names of Shaoyang's 12 divisions, as a printed map abbreviates them. */
const DIVISION_LABELS = {
  zh: ['双清区', '大祥区', '北塔区', '新邵县', '邵阳县', '隆回县', '洞口县', '绥宁县', '新宁县', '城步县', '武冈市', '邵东市'],
  en: ['Shuangqing', 'Daxiang', 'Beita', 'Xinshao', 'Shaoyang', 'Longhui', 'Dongkou', 'Suining', 'Xinning', 'Chengbu', 'Wugang', 'Shaodong'],
} as const;
/** The three urban districts, too small to name on the whole-city map: the inset names them. */
const INSET = { zh: ['双清区', '大祥区', '北塔区'], en: ['Shuangqing', 'Daxiang', 'Beita'] } as const;

interface LabelBox {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The division names the map's overlay drew (SVG text), with their boxes on screen. */
async function mapLabels(page: Page, testId: string): Promise<LabelBox[]> {
  return page.getByTestId(testId).evaluate((root) =>
    [...root.querySelectorAll('svg text')].flatMap((t) => {
      const r = t.getBoundingClientRect();
      const text = (t.textContent ?? '').trim();
      return text === '' || r.width === 0 ? [] : [{ text, x: r.x, y: r.y, width: r.width, height: r.height }];
    }),
  );
}

const inside = (a: LabelBox, b: { x: number; y: number; width: number; height: number }) => a.x >= b.x - 1 && a.y >= b.y - 1 && a.x + a.width <= b.x + b.width + 1 && a.y + a.height <= b.y + b.height + 1;
const overlap = (a: LabelBox, b: LabelBox) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * Text cut off by its box: an element with its own text whose content is wider or taller
 * than the box, where the box clips (overflow other than visible, or a gradient clipped to
 * the text, which loses what sticks out).
 */
async function cutTexts(page: Page, within = '.wall'): Promise<string[]> {
  return page.evaluate((root) => {
    const cut: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(`${root} *`)) {
      if (el instanceof SVGElement || el.closest('svg') !== null) continue;
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
      if (!own || el.clientWidth === 0) continue;
      const style = getComputedStyle(el);
      const clipsX = style.overflowX !== 'visible' || style.textOverflow === 'ellipsis' || style.backgroundClip === 'text';
      const clipsY = style.overflowY !== 'visible' || style.backgroundClip === 'text';
      if ((clipsX && el.scrollWidth > el.clientWidth + 1) || (clipsY && el.scrollHeight > el.clientHeight + 1)) {
        cut.push(`${el.className}: "${(el.textContent ?? '').trim().slice(0, 40)}" ${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight}`);
      }
    }
    return cut;
  }, within);
}

/**
 * Sibling items (list rows, tiles of a grid) whose drawn content overlaps: each item's ink is
 * its own box together with its descendants' boxes and text (as far as a clipping ancestor
 * inside the item lets them show), so a label that wraps onto more lines than its fixed-height
 * row holds and runs into the next row is caught even though the rows' own boxes do not touch.
 */
async function overlappingItems(page: Page, within = '.wall'): Promise<string[]> {
  return page.evaluate((root) => {
    type Box = { left: number; top: number; right: number; bottom: number };
    const union = (a: Box, b: Box): Box => ({ left: Math.min(a.left, b.left), top: Math.min(a.top, b.top), right: Math.max(a.right, b.right), bottom: Math.max(a.bottom, b.bottom) });
    const ink = (item: Element): Box => {
      const r = item.getBoundingClientRect();
      let box: Box = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      const walk = (el: Element) => {
        for (const child of el.childNodes) {
          if (child.nodeType === Node.TEXT_NODE && (child.textContent ?? '').trim() !== '') {
            const range = document.createRange();
            range.selectNodeContents(child);
            const t = range.getBoundingClientRect();
            if (t.width > 0) box = union(box, t);
          } else if (child instanceof HTMLElement) {
            const c = child.getBoundingClientRect();
            if (c.width === 0 || c.height === 0) continue;
            box = union(box, c);
            // What a clipping element hides does not show: only its own box counts.
            if (getComputedStyle(child).overflow === 'visible') walk(child);
          }
        }
      };
      walk(item);
      return box;
    };
    const bad: string[] = [];
    for (const list of document.querySelectorAll<HTMLElement>(`${root} ol, ${root} ul, ${root} .figure-grid`)) {
      const items = [...list.children].filter((c) => {
        const s = getComputedStyle(c);
        const r = c.getBoundingClientRect();
        return (s.position === 'static' || s.position === 'relative') && r.width > 0 && r.height > 0;
      });
      const boxes = items.map(ink);
      const where = list.closest('[data-testid]')?.getAttribute('data-testid') ?? list.className;
      boxes.forEach((a, i) => {
        for (let j = i + 1; j < boxes.length; j++) {
          const b = boxes[j]!;
          if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) {
            const text = (el: Element) => (el.textContent ?? '').trim().slice(0, 30);
            bad.push(`${where}: "${text(items[i]!)}" and "${text(items[j]!)}" overlap by ${Math.round(Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top))} px`);
          }
        }
      });
    }
    return bad;
  }, within);
}

/** Rows of tiles that fill less than three quarters of their grid's width (the last row included). */
async function halfEmptyRows(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bad: string[] = [];
    for (const grid of document.querySelectorAll<HTMLElement>('.figure-grid')) {
      const tiles = [...grid.children].map((c) => c.getBoundingClientRect()).filter((r) => r.width > 0);
      const rows = new Map<number, number>();
      for (const r of tiles) rows.set(Math.round(r.top), (rows.get(Math.round(r.top)) ?? 0) + r.width);
      const width = grid.getBoundingClientRect().width;
      for (const [top, used] of rows) if (used < 0.75 * width) bad.push(`${grid.dataset['testid'] ?? grid.className} row at ${top}: ${Math.round(used)} of ${Math.round(width)} px`);
    }
    return bad;
  });
}

/**
 * Chart labels (axis labels, drawn as SVG text) that overlap another label of the same chart:
 * a short chart once printed its y axis's "20" over its "10".
 */
async function overlappingChartLabels(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bad: string[] = [];
    for (const chart of document.querySelectorAll('.trend__chart, .history-chart__chart')) {
      const labels = [...chart.querySelectorAll('svg text')].map((t) => ({ text: (t.textContent ?? '').trim(), r: t.getBoundingClientRect() })).filter((l) => l.text !== '' && l.r.width > 0);
      const where = chart.closest('[data-testid]')?.getAttribute('data-testid') ?? chart.className;
      labels.forEach((a, i) => {
        for (const b of labels.slice(i + 1)) {
          if (a.r.left < b.r.right - 1 && b.r.left < a.r.right - 1 && a.r.top < b.r.bottom - 1 && b.r.top < a.r.bottom - 1) bad.push(`${where}: "${a.text}" on "${b.text}"`);
        }
      });
    }
    return bad;
  });
}

/**
 * A ranking's shown rows (values as numbers) and how many it says are hidden, read in one
 * go: the list re-fits as its panel settles, so separate reads could mix two layouts.
 */
async function ranking(page: Page): Promise<{ values: number[]; hidden: number; more: string }> {
  return page.getByTestId('division-ranking').first().evaluate((list) => ({
    values: [...list.querySelectorAll('[data-testid="division-value"]')].map((v) => Number((v.textContent ?? '').replace(/[^\d.]/g, ''))),
    hidden: Number(list.querySelector('ol')?.getAttribute('data-hidden')),
    more: list.querySelector('[data-testid="ranking-more"]')?.textContent ?? '',
  }));
}

for (const lang of ['zh', 'en'] as const) {
  for (const { width, height } of SCREENS) {
    test(`every page fits ${width}×${height} in ${lang}: 12 divisions named, no text cut, no half-empty row, the worst ranked first`, async ({ page }) => {
      test.setTimeout(400_000);
      const errors = watchConsole(page);
      await page.setViewportSize({ width, height });
      for (const p of PAGES) {
        const path = p === 'overview' ? '/wall' : `/wall/${p}`;
        await openWall(page, server, path, lang === 'en' ? { playlist: 'off', lang: 'en' } : { playlist: 'off' });
        await expect(page.getByTestId('health')).toBeVisible();

        if (p === 'overview' || p === 'dispatch') {
          const map = p === 'overview' ? 'city-map' : 'board-map-chart';
          // All 12 names drawn as text, each inside the map, none covering another; the urban three in the inset.
          await expect
            .poll(async () => {
              const names = (await mapLabels(page, map)).map((l) => l.text);
              return DIVISION_LABELS[lang].filter((n) => !names.includes(n));
            }, { message: `${p}: division names missing from the map` })
            .toEqual([]);
          // Polled: the map lays its names out again a frame after its panel settles.
          await expect
            .poll(async () => {
              const labels = (await mapLabels(page, map)).filter((l) => (DIVISION_LABELS[lang] as readonly string[]).includes(l.text));
              const mapBox = (await page.getByTestId(map).boundingBox())!;
              const insetBox = (await page.getByTestId(map).getByTestId('map-inset').boundingBox())!;
              // The overview's metric buttons sit over the map's top-left corner.
              const buttons = await page.getByTestId('map-metric').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ text: '', x: r.x, y: r.y, width: r.width, height: r.height })));
              return [
                ...labels.flatMap((l) => (buttons.some((b) => overlap(l, b)) ? [`${l.text} under a metric button`] : [])),
                ...labels.filter((l) => !inside(l, mapBox)).map((l) => `${l.text} outside the map`),
                ...labels.flatMap((a, i) => labels.slice(i + 1).filter((b) => overlap(a, b)).map((b) => `${a.text}/${b.text} covering each other`)),
                ...INSET[lang].filter((name) => !labels.some((l) => l.text === name && inside(l, insetBox))).map((name) => `${name} not in the inset`),
              ];
            }, { message: `${p}: division names placed on the map` })
            .toEqual([]);
        } else {
          await expect(page.getByTestId('division-row').first()).toBeVisible();
          // Ranked worst (or most) first, and the list says how many rows it leaves out.
          const r = await ranking(page);
          for (let i = 1; i < r.values.length; i++) expect(r.values[i]!, `${p} ranking order`).toBeLessThanOrEqual(r.values[i - 1]!);
          expect(r.values.length + r.hidden).toBe(12);
          if (r.hidden > 0) expect(r.more).toContain(String(r.hidden));
        }

        if (p === 'environment') {
          // The AQI ranking leads with the worst division: the highest AQI, not the cleanest.
          await expect(page.getByTestId('division-ranking').locator('ol')).toHaveAttribute('data-order', 'worst-high');
        }

        expect(await cutTexts(page), `${p}: text cut off`).toEqual([]);
        // Polled: a chart takes its axis from its measured height a frame after it is laid out.
        await expect.poll(() => overlappingChartLabels(page), { message: `${p}: chart labels on top of each other` }).toEqual([]);
        // Polled: a ranking re-fits its rows as its panel settles, so one read may catch it mid-way.
        await expect.poll(() => overflowing(page), { message: `${p}: panels overflowing` }).toEqual({ elements: [], documentScrolls: false });
        expect(await halfEmptyRows(page), `${p}: half-empty rows`).toEqual([]);
        // Polled: a list that just re-fitted or an event that is sliding in may overlap for a frame.
        await expect.poll(() => overlappingItems(page), { message: `${p}: rows or tiles running into each other` }).toEqual([]);
        await page.screenshot({ path: screenshotPath(`wall-fit-${p}${lang === 'en' ? '-en' : ''}-${width}x${height}.png`) });
      }
      expect(errors).toEqual([]);
    });
  }
}
