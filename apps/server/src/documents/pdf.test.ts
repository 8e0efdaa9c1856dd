import { describe, expect, it } from 'vitest';
import { attachmentDisposition, renderPdf, type PdfDocumentSpec } from './pdf.ts';
import { pdfFonts, pdfPageTexts } from './pdf-inspect.ts';

/** pdf.js splits wrapped lines into items; compare text with all white space removed. */
const flat = (s: string) => s.replace(/\s+/g, '');

/** 120 numbered clauses, long enough that one table cell is taller than an A4 page. */
const LONG_CELL = Array.from({ length: 120 }, (_, i) => `第${String(i + 1).padStart(3, '0')}段：资江水位继续上涨，转移群众。`).join('');

const spec: PdfDocumentSpec = {
  title: '资江邵阳城区段洪水应急响应',
  subtitle: '邵阳市应急管理局 · 2026年11月27日',
  header: '城市之窗 · 应急联动',
  footer: '内部资料 注意保存',
  createdAt: new Date('2026-11-27T02:00:00Z'),
  blocks: [
    { kind: 'heading', text: '一、基本情况' },
    { kind: 'paragraph', text: '11月27日10时，新宁县崀山景区发生山洪，绥宁县、城步苗族自治县同时降雨≥50毫米。' },
    { kind: 'keyValue', rows: [{ label: '级别', value: 'Ⅲ 较大' }, { label: '伤亡', value: '死亡 3 人，受伤 12 人' }, { label: '备注', value: '' }] },
    {
      kind: 'table',
      columns: [{ header: '时间', width: 1 }, { header: '事项', width: 4 }],
      rows: [
        ...Array.from({ length: 60 }, (_, i) => [`10:${String(i).padStart(2, '0')}`, `记录${i + 1}：部门到场`]),
        ['11:00', LONG_CELL],
        ['11:01', '终报已报送'],
      ],
    },
  ],
};

describe('renderPdf', () => {
  it('writes the text so that a reader extracts it, with the header, footer and page numbers on every page', async () => {
    const pdf = await renderPdf(spec);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = (await pdfPageTexts(pdf)).map(flat);
    // 60 short rows and a cell of 120 clauses cannot fit on fewer than three A4 pages.
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages[0]).toContain('资江邵阳城区段洪水应急响应');
    expect(pages[0]).toContain('邵阳市应急管理局·2026年11月27日');
    expect(pages[0]).toContain('11月27日10时，新宁县崀山景区发生山洪，绥宁县、城步苗族自治县同时降雨≥50毫米。');
    expect(pages[0]).toContain('级别Ⅲ较大');
    expect(pages[0]).toContain('伤亡死亡3人，受伤12人');
    // An empty value is shown as a dash rather than left blank.
    expect(pages[0]).toContain('备注—');
    pages.forEach((text, i) => {
      expect(text).toContain('城市之窗·应急联动');
      expect(text).toContain('内部资料注意保存');
      expect(text).toContain(`第${i + 1}页共${pages.length}页`);
    });
  });

  it('repeats the table header on every page it spans and splits a row taller than a page without losing or repeating text', async () => {
    const pages = (await pdfPageTexts(await renderPdf(spec))).map(flat);
    const all = pages.join('');
    for (let i = 1; i <= 120; i++) {
      const clause = `第${String(i).padStart(3, '0')}段：资江水位继续上涨，转移群众。`;
      expect(all.split(clause).length - 1, clause).toBeLessThanOrEqual(1);
    }
    // Between the halves of the split row come only the page's running parts and the repeated header.
    const withoutPageParts = all.replace(/城市之窗·应急联动|内部资料注意保存|第\d+页共\d+页|时间事项/g, '');
    expect(withoutPageParts).toContain(`11:00${flat(LONG_CELL)}11:01`);
    expect(all).toContain('记录60：部门到场');
    expect(all).toContain('11:01终报已报送');
    const tablePages = pages.filter((p) => p.includes('记录') || p.includes('段：资江'));
    expect(tablePages.length).toBeGreaterThanOrEqual(2);
    for (const p of tablePages) expect(p).toContain('时间事项');
  });

  it('embeds every font it uses, as a subset of the packaged Noto Sans CJK', async () => {
    const fonts = pdfFonts(await renderPdf(spec));
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) {
      expect(f.file, f.name).toBe('FontFile3');
      // A subset's name carries a six-letter tag before the font's own name.
      expect(f.name).toMatch(/^[A-Z]{6}\+NotoSansHans-(Regular|Bold)$/);
    }
  });

  it('labels the pages in English when asked', async () => {
    const pages = await pdfPageTexts(await renderPdf({ title: 'Flood response', language: 'en', blocks: [{ kind: 'paragraph', text: 'Zi River at 邵阳 station.' }] }));
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain('Page 1 of 1');
    expect(flat(pages[0]!)).toContain('ZiRiverat邵阳station.');
  });
});

describe('attachmentDisposition', () => {
  it('gives an ASCII fallback and the UTF-8 name', () => {
    // 应 is U+5E94 (E5 BA 94 in UTF-8), 急 is U+6025 (E6 80 A5).
    expect(attachmentDisposition('应急-E20261127-001.pdf')).toBe(`attachment; filename="__-E20261127-001.pdf"; filename*=UTF-8''%E5%BA%94%E6%80%A5-E20261127-001.pdf`);
    expect(attachmentDisposition('a "b".pdf')).toBe(`attachment; filename="a _b_.pdf"; filename*=UTF-8''a%20%22b%22.pdf`);
  });
});
