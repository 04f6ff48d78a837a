/**
 * An uploaded delivery goes through the same ETL as the CLI: saved to a temporary file in the
 * store's upload folder (uploadDir.ts), loaded with its original name, then removed. Uploads run one at a
 * time, since each delivery is one DuckDB transaction on the same tables.
 */
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { DeliveryReport } from '../contract/deliveries.ts';
import { loadFiles } from '../etl/index.ts';
import type { Store } from '../store/store.ts';
import { wellFormed } from './auth/safeText.ts';
import { badRequest, HttpProblem, unprocessable } from './problems.ts';
import { uploadWorkDir } from './uploadDir.ts';

export const UPLOAD_EXTENSIONS = ['.csv', '.xlsx'];

/** The name as the delivery will be known: no folders (browsers on Windows send them), no control characters. */
export function cleanFileName(raw: string): string {
  return basename(raw.replaceAll('\\', '/')).replace(/[\u0000-\u001f]/g, '').trim().slice(0, 255);
}

/** A name that climbs out of a folder or hides its real ending is refused, not quietly repaired. */
export function checkFileName(raw: string | undefined): asserts raw is string {
  // filename="" (or none at all) reached replaceAll below as a 500 (issue 10, defect 7).
  if (typeof raw !== 'string' || !raw.trim()) {
    throw badRequest('Het bestand heeft geen naam (filename is leeg); stuur het met zijn eigen naam, zoals toewijzingen_GM0153_2025-03.csv. Er is niets geladen.');
  }
  if (raw.replaceAll('\\', '/').split('/').includes('..')) {
    throw badRequest(`De bestandsnaam ${JSON.stringify(raw.slice(0, 100))} verwijst naar een andere map (..); stuur alleen de naam van het bestand.`);
  }
  if (/[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/.test(raw) || !wellFormed(raw)) {
    throw badRequest('De bestandsnaam bevat onzichtbare tekens of tekens die de leesrichting omdraaien; geef het bestand een gewone naam.');
  }
}

export function checkExtension(name: string): void {
  const ext = extname(name).toLowerCase();
  if (!UPLOAD_EXTENSIONS.includes(ext)) {
    throw badRequest(`Alleen .csv- en .xlsx-bestanden kunnen worden geladen; ${name || 'dit bestand'} is dat niet.`);
  }
}

export function createUploader(store: Store, limitBytes: number) {
  let queue: Promise<unknown> = Promise.resolve();

  return async function loadUpload(file: Readable, originalName: string, loadedBy: string): Promise<DeliveryReport> {
    checkFileName(originalName);
    const name = cleanFileName(originalName);
    checkExtension(name);
    const dir = await uploadWorkDir(store.path);
    try {
      const path = join(dir, `levering${extname(name).toLowerCase()}`);
      await pipeline(file, createWriteStream(path));
      // Busboy stops at the limit and marks the stream truncated instead of failing it: a cut-off
      // file must never reach the loader, where it could look like a shorter valid delivery.
      if ((file as Readable & { truncated?: boolean }).truncated) {
        const mb = Math.round(limitBytes / (1024 * 1024));
        throw new HttpProblem(413, 'te-groot', 'Bestand te groot', `Het bestand ${name} is groter dan de toegestane ${mb > 0 ? `${mb} MB` : `${limitBytes} bytes`}; er is niets geladen.`);
      }
      const run = queue.then(() =>
        loadFiles(store, [{ path, name }], { loadedBy, workDir: dir }).catch((err: unknown) => {
          // A broken .xlsx (a damaged zip) makes the Excel reader throw before any row is read:
          // that is the file's fault, not the server's. Nothing was loaded (one transaction).
          if (extname(name).toLowerCase() === '.xlsx' && !(err instanceof HttpProblem)) {
            throw unprocessable(`Het bestand ${name} is geen leesbaar Excel-bestand (.xlsx); het is beschadigd of van een ander soort. Er is niets geladen.`);
          }
          throw err;
        }),
      );
      queue = run.catch(() => undefined);
      const [report] = await run;
      return report;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
}
