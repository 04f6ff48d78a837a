/**
 * What every view needs to know once: the periods in the store and the region the server is
 * configured for (its gemeenten, targets, privacy threshold and claims lag). Views derive every
 * region-bound choice from `region`, never from one region's plan written into the web.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { RegionInfo } from '../../contract/api.ts';
import type { PeriodsInfo } from '../../contract/indicators.ts';

export interface Gemeente {
  code: string;
  name: string;
}

export interface AppInfo {
  /** The periods as known at the Stand per (`peilmaand`), the newest data when none is chosen. */
  periods: PeriodsInfo;
  /** The Stand per the URL chose; null: the newest data. Figure requests carry it (lib/apiUrl.ts). */
  peilmaand: string | null;
  region: RegionInfo;
  regionName: string;
  /** The gemeenten this account may choose (all of the region's, or its own). */
  gemeenten: Gemeente[];
  /** The year a view shows when the URL does not say. */
  defaultYear: number;
}

export const AppContext = createContext<AppInfo | null>(null);

export function useAppInfo(): AppInfo {
  const info = useContext(AppContext);
  if (!info) throw new Error('AppContext ontbreekt');
  return info;
}

export function gemeenteName(info: AppInfo, code: string): string {
  if (code === 'REGIO') return `Regio ${info.regionName}`;
  return info.gemeenten.find((g) => g.code === code)?.name ?? code;
}
