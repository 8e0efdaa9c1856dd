import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';

/**
 * A small document renderer for the server's downloadable PDFs (emergency records, briefings,
 * dispatch reports). Callers describe the content as blocks; this module owns the layout,
 * the running header and footer with page numbers, and the fonts. The fonts come from the
 * npm package @embedpdf/fonts-sc (Noto Sans CJK SC), never from the OS, and are embedded as
 * subsets, so the file reads the same on a machine with no Chinese font (docs/architecture.md).
 */

export interface PdfColumn {
  header: string;
  /** Relative width (default 1): the table's width is shared in proportion. */
  width?: number;
  align?: 'left' | 'center' | 'right';
}

export type PdfBlock =
  | { kind: 'heading'; text: string; level?: 1 | 2 }
  | { kind: 'paragraph'; text: string; muted?: boolean }
  /** Label–value pairs in two columns; a long value wraps under itself. */
  | { kind: 'keyValue'; rows: { label: string; value: string }[] }
  /** A table with a header row, repeated on every page it spans; cells wrap, and a row taller than a page continues on the next. */
  | { kind: 'table'; columns: PdfColumn[]; rows: string[][] }
  | { kind: 'pageBreak' };

export interface PdfDocumentSpec {
  /** The document's title: drawn first, and the PDF's Title. */
  title: string;
  /** One muted line under the title (e.g. who and when). */
  subtitle?: string;
  /** Running header on every page (left); defaults to the title. */
  header?: string;
  /** Running footer on every page (left); the page number is on the right. */
  footer?: string;
  author?: string;
  /** The PDF's creation date; the caller's clock, so that tests can fix it. */
  createdAt?: Date;
  /** Language of the page numbers and the PDF's Lang entry (default zh-CN). */
  language?: 'zh-CN' | 'en';
  blocks: PdfBlock[];
}

export const PDF_CONTENT_TYPE = 'application/pdf';

const requireHere = createRequire(import.meta.url);

type FontWeight = 'regular' | 'bold';
const FONT_FILES: Record<FontWeight, string> = { regular: 'NotoSansHans-Regular.otf', bold: 'NotoSansHans-Bold.otf' };
const fontCache = new Map<FontWeight, fontkit.Font>();

/**
 * The parsed font, read once per process from the npm package (its exports name no file, so
 * go from its entry point). Parsing an 8 MB CJK font costs hundreds of milliseconds, so the
 * parsed font is shared by every document; each document still embeds its own subset.
 */
function font(weight: FontWeight): fontkit.Font {
  let parsed = fontCache.get(weight);
  if (parsed === undefined) {
    const entry = requireHere.resolve('@embedpdf/fonts-sc');
    const created = fontkit.create(readFileSync(join(dirname(entry), '..', 'fonts', FONT_FILES[weight])));
    if (!('layout' in created)) throw new Error(`${FONT_FILES[weight]} is a font collection, not a font`);
    parsed = created;
    fontCache.set(weight, parsed);
  }
  return parsed;
}

const PAGE = { size: 'A4', margin: 56 } as const;
const BODY = 10.5;
const COLORS = { text: '#1a1a1a', muted: '#666666', rule: '#999999', headerFill: '#eeeeee' } as const;
const CELL_PAD = 4;

type Doc = PDFKit.PDFDocument;

/** Renders the document to PDF bytes. */
export function renderPdf(spec: PdfDocumentSpec): Promise<Buffer> {
  const lang = spec.language ?? 'zh-CN';
  const doc = new PDFDocument({
    size: PAGE.size,
    margins: { top: PAGE.margin + 10, bottom: PAGE.margin + 10, left: PAGE.margin, right: PAGE.margin },
    bufferPages: true,
    lang,
    displayTitle: true,
    info: { Title: spec.title, ...(spec.author === undefined ? {} : { Author: spec.author }), Creator: 'City Window', ...(spec.createdAt === undefined ? {} : { CreationDate: spec.createdAt }) },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  // pdfkit takes a parsed fontkit font as a source too; its type definitions predate that.
  doc.registerFont('regular', font('regular') as unknown as PDFKit.Mixins.PDFFontSource);
  doc.registerFont('bold', font('bold') as unknown as PDFKit.Mixins.PDFFontSource);
  doc.font('regular').fontSize(BODY).fillColor(COLORS.text);

  doc.font('bold').fontSize(18).text(spec.title, { align: 'center' });
  if (spec.subtitle !== undefined) doc.moveDown(0.2).font('regular').fontSize(BODY).fillColor(COLORS.muted).text(spec.subtitle, { align: 'center' });
  doc.moveDown(0.8);
  for (const block of spec.blocks) drawBlock(doc, block);
  drawRunningParts(doc, spec.header ?? spec.title, spec.footer, lang);
  doc.end();
  return done;
}

function drawBlock(doc: Doc, block: PdfBlock): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  switch (block.kind) {
    case 'heading': {
      const size = block.level === 2 ? 12 : 14;
      // Keep a heading with at least two lines of what follows.
      if (doc.y + size * 1.6 + BODY * 3 > maxY(doc)) doc.addPage();
      doc.x = left;
      doc.moveDown(0.4).font('bold').fontSize(size).fillColor(COLORS.text).text(block.text, left, doc.y, { width });
      doc.moveDown(0.3);
      return;
    }
    case 'paragraph':
      doc.font('regular').fontSize(BODY).fillColor(block.muted === true ? COLORS.muted : COLORS.text);
      doc.text(block.text, left, doc.y, { width, lineGap: 2 });
      doc.moveDown(0.5).fillColor(COLORS.text);
      return;
    case 'keyValue':
      drawKeyValue(doc, block.rows);
      return;
    case 'table':
      drawTable(doc, block.columns, block.rows);
      return;
    case 'pageBreak':
      doc.addPage();
      return;
  }
}

const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const maxY = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

function drawKeyValue(doc: Doc, rows: { label: string; value: string }[]): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  doc.fontSize(BODY);
  doc.font('bold');
  const labelWidth = Math.min(width * 0.3, Math.max(...rows.map((r) => doc.widthOfString(r.label)), 0) + 12);
  const valueWidth = width - labelWidth;
  for (const row of rows) {
    const value = row.value === '' ? '—' : row.value;
    doc.font('regular');
    const h = Math.max(doc.heightOfString(value, { width: valueWidth, lineGap: 2 }), BODY * 1.4);
    // A value longer than a page flows on by itself; anything shorter stays with its label.
    if (h <= maxY(doc) - doc.page.margins.top && doc.y + h > maxY(doc)) doc.addPage();
    const y = doc.y;
    doc.font('bold').fillColor(COLORS.muted).text(row.label, left, y, { width: labelWidth - 8, lineBreak: true });
    doc.font('regular').fillColor(COLORS.text).text(value, left + labelWidth, y, { width: valueWidth, lineGap: 2 });
    doc.y = Math.max(doc.y, y + BODY * 1.4) + 2;
  }
  doc.x = left;
  doc.moveDown(0.5);
}

interface TableGeometry {
  xs: number[];
  widths: number[];
  aligns: ('left' | 'center' | 'right')[];
}

function drawTable(doc: Doc, columns: PdfColumn[], rows: string[][]): void {
  if (columns.length === 0) return;
  const left = doc.page.margins.left;
  const total = columns.reduce((s, c) => s + (c.width ?? 1), 0);
  const widths = columns.map((c) => (contentWidth(doc) * (c.width ?? 1)) / total);
  const xs = widths.map((_, i) => left + widths.slice(0, i).reduce((s, w) => s + w, 0));
  const g: TableGeometry = { xs, widths, aligns: columns.map((c) => c.align ?? 'left') };
  const header = columns.map((c) => c.header);
  doc.fontSize(9.5);
  const headerHeight = rowHeight(doc, g, header, 'bold');
  // The header never sits alone at the foot of a page.
  if (doc.y + headerHeight + 9.5 * 2.5 > maxY(doc)) doc.addPage();
  drawRow(doc, g, header, 'bold', true);
  for (const row of rows) {
    let cells = columns.map((_, i) => row[i] ?? '');
    for (;;) {
      const h = rowHeight(doc, g, cells, 'regular');
      if (doc.y + h <= maxY(doc)) {
        drawRow(doc, g, cells, 'regular', false);
        break;
      }
      const room = maxY(doc) - doc.y - 2 * CELL_PAD;
      // Only a row taller than a whole page is split; a shorter one moves to the next page whole.
      if (h > maxY(doc) - doc.page.margins.top - headerHeight && room > 9.5 * 3) {
        const split = cells.map((text, i) => splitToFit(doc, text, g.widths[i]! - 2 * CELL_PAD, room));
        drawRow(doc, g, split.map((s) => s[0]), 'regular', false);
        cells = split.map((s) => s[1]);
      }
      doc.addPage();
      drawRow(doc, g, header, 'bold', true);
    }
  }
  doc.x = left;
  doc.moveDown(0.6);
  doc.fontSize(BODY);
}

function rowHeight(doc: Doc, g: TableGeometry, cells: string[], font: 'regular' | 'bold'): number {
  doc.font(font);
  return Math.max(...cells.map((text, i) => doc.heightOfString(text === '' ? ' ' : text, { width: g.widths[i]! - 2 * CELL_PAD }))) + 2 * CELL_PAD;
}

function drawRow(doc: Doc, g: TableGeometry, cells: string[], font: 'regular' | 'bold', isHeader: boolean): void {
  const y = doc.y;
  const h = rowHeight(doc, g, cells, font);
  const width = g.widths.reduce((s, w) => s + w, 0);
  if (isHeader) doc.rect(g.xs[0]!, y, width, h).fill(COLORS.headerFill);
  doc.fillColor(COLORS.text).font(font);
  cells.forEach((text, i) => {
    doc.text(text, g.xs[i]! + CELL_PAD, y + CELL_PAD, { width: g.widths[i]! - 2 * CELL_PAD, align: g.aligns[i] });
  });
  doc.lineWidth(0.5).strokeColor(COLORS.rule);
  doc.moveTo(g.xs[0]!, y + h).lineTo(g.xs[0]! + width, y + h).stroke();
  if (isHeader) doc.moveTo(g.xs[0]!, y).lineTo(g.xs[0]! + width, y).stroke();
  doc.x = g.xs[0]!;
  doc.y = y + h;
}

/** The longest prefix of `text` that fits in `height` at `width` (at least one character), and the rest. */
function splitToFit(doc: Doc, text: string, width: number, height: number): [string, string] {
  const chars = Array.from(text);
  if (doc.heightOfString(text === '' ? ' ' : text, { width }) <= height) return [text, ''];
  let lo = 1;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (doc.heightOfString(chars.slice(0, mid).join(''), { width }) <= height) lo = mid;
    else hi = mid - 1;
  }
  return [chars.slice(0, lo).join(''), chars.slice(lo).join('')];
}

/** The header and footer go in the margins after the body is laid out, when the page count is known. */
function drawRunningParts(doc: Doc, header: string, footer: string | undefined, lang: 'zh-CN' | 'en'): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { left, right, bottom } = doc.page.margins;
    const width = doc.page.width - left - right;
    // Writing into the margins must not make pdfkit start a new page.
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(8.5).fillColor(COLORS.muted);
    doc.text(header, left, PAGE.margin - 22, { width, lineBreak: false, ellipsis: true });
    doc.lineWidth(0.5).strokeColor(COLORS.rule).moveTo(left, PAGE.margin - 8).lineTo(left + width, PAGE.margin - 8).stroke();
    const page = i - range.start + 1;
    const label = lang === 'en' ? `Page ${page} of ${range.count}` : `第 ${page} 页 共 ${range.count} 页`;
    const footY = doc.page.height - PAGE.margin + 10;
    if (footer !== undefined) doc.text(footer, left, footY, { width: width * 0.7, lineBreak: false, ellipsis: true });
    doc.text(label, left, footY, { width, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

/**
 * A Content-Disposition for a download: an ASCII fallback name and the UTF-8 name
 * (RFC 6266 / RFC 8187), so a Chinese file name survives every browser.
 */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
