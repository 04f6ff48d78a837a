/**
 * The text of a PDF per page, read with pdf.js (its legacy build runs in Node). The report
 * uses it to find the page each chapter landed on (for the contents' page numbers); the
 * tests use it to read the printed report back.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export async function pdfPageTexts(bytes: Uint8Array): Promise<string[]> {
  // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      pages.push(
        content.items
          .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : ''))
          .join(' ')
          .replace(/[ \t]+/g, ' '),
      );
      page.cleanup();
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** Text compared without any whitespace: pdf.js splits and joins runs in its own way. */
export const squeeze = (text: string) => text.replace(/\s+/g, '');
