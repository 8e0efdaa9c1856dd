/**
 * Reading a PDF back, for tests: the text of each page as a reader extracts it (pdf.js), and
 * the fonts the file uses with whether each is embedded. Tests only (pdfjs-dist is a dev
 * dependency); the server never imports this.
 */

export interface PdfFontInfo {
  /** The BaseFont name, e.g. ABCDEF+NotoSansHans-Regular. */
  name: string;
  /** FontFile, FontFile2 or FontFile3, or null when the font is not embedded. */
  file: 'FontFile' | 'FontFile2' | 'FontFile3' | null;
}

/** The text of every page, in reading order, items joined without separators and lines by '\n'. */
export async function pdfPageTexts(pdf: Uint8Array): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/**
 * Every font the file draws with (simple fonts and the descendants of composite ones) and its
 * embedded font program, if any. pdfkit writes its dictionaries uncompressed (only streams
 * are deflated), so they can be read as text.
 */
export function pdfFonts(pdf: Uint8Array): PdfFontInfo[] {
  const text = Buffer.from(pdf).toString('latin1');
  const objects = new Map<string, string>();
  for (const m of text.matchAll(/(\d+) 0 obj\s*<<([\s\S]*?)>>\s*(?:endobj|stream)/g)) objects.set(m[1]!, m[2]!);
  const fonts: PdfFontInfo[] = [];
  for (const dict of objects.values()) {
    if (!/\/Type \/Font\b/.test(dict) || /\/Subtype \/Type0\b/.test(dict)) continue;
    const name = /\/BaseFont \/([^\s/<>[\]()]+)/.exec(dict)?.[1] ?? '';
    const descriptorRef = /\/FontDescriptor (\d+) 0 R/.exec(dict)?.[1];
    const descriptor = descriptorRef === undefined ? undefined : objects.get(descriptorRef);
    const file = descriptor === undefined ? undefined : /\/(FontFile[23]?) \d+ 0 R/.exec(descriptor)?.[1];
    fonts.push({ name, file: (file as PdfFontInfo['file'] | undefined) ?? null });
  }
  return fonts;
}
