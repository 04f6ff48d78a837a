/**
 * One read of every figure route, for a year and one gemeente: the demo-data test checks that
 * each answers, the soak bench keeps the server busy with them.
 */
export const figureReads = (year: number, gemeente: string): string[] => [
  `/api/overview?year=${year}`,
  `/api/overview?year=${year}&scope=${gemeente}`,
  `/api/series?segment=crisis&indicator=instroom&scope=${gemeente}`,
  `/api/comparison?segment=ambulant&year=${year}`,
  `/api/subsegments?segment=wonen_verblijf&year=${year}&scope=${gemeente}`,
  `/api/referrers?segment=ambulant&year=${year}&scope=${gemeente}&grain=month`,
  `/api/providers?year=${year}`,
  '/api/deliveries/completeness',
  '/api/deliveries?include_replaced=true',
];
