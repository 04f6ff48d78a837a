import type { AppInfo } from '../lib/context.ts';
import type { Route } from '../lib/route.ts';
import { setParams } from '../lib/useRoute.ts';

/**
 * The gemeente picker of the figure views, bound to the URL's `gemeente` parameter: the whole
 * region leaves it out, so a shared link without it always means the region.
 */
export function ScopeFilter({ route, info, scope }: { route: Route; info: AppInfo; scope: string }) {
  return (
    <label>
      Gemeente
      <select value={scope} onChange={(e) => setParams(route, { gemeente: (e.target as HTMLSelectElement).value === 'REGIO' ? null : (e.target as HTMLSelectElement).value })}>
        <option value="REGIO">Hele regio</option>
        {info.gemeenten.map((g) => (
          <option value={g.code}>{g.name}</option>
        ))}
      </select>
    </label>
  );
}
