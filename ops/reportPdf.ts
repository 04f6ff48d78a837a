/**
 * The seam between the server and the report printer: the server's PDF route asks a
 * `ReportPdfPrinter` (server/routes/report.ts), the start script gives it this one, which prints
 * with report/render.ts. A Chromium that is missing, fails or is too slow is a reason the route
 * answers 503 with; anything else is a fault (500).
 */
import { ChromiumError } from '../report/chromium.ts';
import { renderReportPdf } from '../report/render.ts';
import type { ReportPdfPrinter } from '../server/routes/report.ts';

/** `timeoutMs`: the whole print of one report, Chromium start included. */
export function reportPdfPrinter(timeoutMs = 90_000): ReportPdfPrinter {
  return async (request) => {
    try {
      return { pdf: await renderReportPdf({ ...request, timeoutMs }) };
    } catch (err) {
      if (err instanceof ChromiumError) return { unavailable: err.message };
      throw err;
    }
  };
}
