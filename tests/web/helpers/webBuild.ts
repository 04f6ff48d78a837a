/**
 * Browser tests run against the built web app: the same staleness check and build lock as
 * the report CLI (one build at a time across parallel test processes).
 */
export { ensureWebBuilt } from '../../../report/webBuild.ts';
