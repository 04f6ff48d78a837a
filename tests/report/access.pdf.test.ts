/**
 * The jaarrapport PDF under access control: printed with the caller's own session, so a
 * gemeente-limited reader's PDF holds no other gemeente's duiding, another gemeente's report is
 * refused, and a script in duiding text is printed as text.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfPageTexts, squeeze } from '../../report/pdfText.ts';
import { reportPdfPrinter } from '../../ops/reportPdf.ts';
import { buildApp } from '../../server/app.ts';
import { createDuidingRepositories } from '../../server/duiding/index.ts';
import { tempDir } from '../helpers/tempStore.ts';
import { signIn } from '../server/testApp.ts';
import { ensureWebBuilt } from '../web/helpers/webBuild.ts';
import { buildReportStore, REPORT_YEAR } from './helpers/reportStore.ts';

let app: FastifyInstance;
let baseUrl: string;
const SCRIPT = '<script>document.title="gehackt"</script> Regio-scriptsignaal';
const SECRET = 'Enschede-geheimeduiding';
/** Issue 10, defect 1: a verbetervoorstel (and its action) for Enschede reached the Act chapter of a limited reader. */
const SECRET_PROPOSAL = 'Enschede-geheimvoorstel';
const SECRET_ACTION = 'Enschede-geheimeactie';

beforeAll(async () => {
  const webRoot = await ensureWebBuilt();
  const store = await buildReportStore(tempDir('koersbord-report-access-'));
  const repo = createDuidingRepositories(store);
  const base = { period: String(REPORT_YEAR), indicator: null, session_id: null, segment: 'verblijf' as const };
  await repo.duiding.create({ ...base, kind: 'signaal', gemeente_code: 'REGIO', text: SCRIPT }, 'Analist');
  await repo.duiding.create({ ...base, kind: 'verklaring', gemeente_code: 'GM0153', text: SECRET }, 'Analist');
  const proposal = await repo.duiding.create({ ...base, kind: 'verbetervoorstel', gemeente_code: 'GM0153', text: SECRET_PROPOSAL }, 'Beheerder');
  await repo.actions.create({ duiding_id: proposal.id, title: SECRET_ACTION, owner_organisation: 'Team Oost', due_date: null, status: 'open' }, 'Beheerder');
  app = await buildApp({ store, webRoot, reportPdf: reportPdfPrinter() });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server luistert niet');
  baseUrl = `http://127.0.0.1:${address.port}`;
}, 180_000);
afterAll(() => app?.close());

async function pdfText(headers: Record<string, string>, query: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/report/pdf?${query}`, { headers: { cookie: headers.cookie } });
  if (res.status !== 200) throw new Error(`PDF: ${res.status} ${await res.text()}`);
  return squeeze((await pdfPageTexts(new Uint8Array(await res.arrayBuffer()))).join(' '));
}

describe('the jaarrapport PDF per account', { timeout: 180_000 }, () => {
  it('prints a script in duiding text as text, and gemeente duiding for a whole-region reader', async () => {
    const text = await pdfText(await signIn(app, { role: 'lezer' }), `year=${REPORT_YEAR}`);
    expect(text).toContain(squeeze(SCRIPT));
    expect(text).toContain(squeeze(SECRET));
    expect(text).toContain(squeeze(SECRET_PROPOSAL));
    expect(text).toContain(squeeze(SECRET_ACTION));
  });

  it('leaves out other gemeenten for a reader limited to Almelo, and refuses the Enschede report', async () => {
    const limited = await signIn(app, { name: 'Almelo', role: 'lezer', gemeenten: ['GM0141'] });
    const text = await pdfText(limited, `year=${REPORT_YEAR}`);
    expect(text).not.toContain(squeeze(SECRET));
    expect(text).not.toContain(squeeze(SECRET_PROPOSAL));
    expect(text).not.toContain(squeeze(SECRET_ACTION));
    // Nor other gemeenten' names in the gemeente list or the completeness appendix (defects 1, 9).
    for (const name of ['Losser', 'Dinkelland', 'Wierden']) expect(text).not.toContain(name);
    expect(text).toContain(squeeze(SCRIPT));
    const other = await fetch(`${baseUrl}/api/report/pdf?year=${REPORT_YEAR}&scope=GM0153`, { headers: { cookie: limited.cookie } });
    expect(other.status).toBe(403);
    const anonymous = await fetch(`${baseUrl}/api/report/pdf?year=${REPORT_YEAR}`);
    expect(anonymous.status).toBe(401);
  });
});
