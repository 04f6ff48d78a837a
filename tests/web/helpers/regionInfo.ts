/**
 * What `/api/region` sends for a configured region, read from the real app on an empty
 * temporary store: the web's region-driven functions are tested on exactly that shape.
 */
import { RegionInfo } from '../../../contract/api.ts';
import type { RegionConfig } from '../../../region/config.ts';
import { tempStore } from '../../helpers/tempStore.ts';
import { json, testApp } from '../../server/testApp.ts';

export async function regionInfoOf(region: RegionConfig): Promise<RegionInfo> {
  const app = await testApp({ store: await tempStore(region) });
  const res = await app.inject({ method: 'GET', url: '/api/region' });
  if (res.statusCode !== 200) throw new Error(`/api/region: ${res.statusCode} ${res.body}`);
  return RegionInfo.parse(json(res));
}
