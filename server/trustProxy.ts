/**
 * Which proxies the server believes about the client's address and scheme (X-Forwarded-For,
 * X-Forwarded-Proto). `KOERSBORD_TRUST_PROXY` is either a number of proxy hops in front of the
 * server (`1`: one TLS proxy) or a comma-separated list of the proxies' addresses or ranges
 * (`127.0.0.1`, `10.0.0.0/8,::1`). Never "every hop": then anyone can write their own address
 * into X-Forwarded-For and escape the per-address sign-in limit (issue 10, defect 5).
 */
import { isIP } from 'node:net';

/** What buildApp takes: hops, addresses, or (tests only) true/false. */
export type TrustProxy = boolean | number | string;

export class TrustProxyError extends Error {}

export function trustProxyFromEnv(raw: string | undefined): number | string | false {
  const value = raw?.trim();
  if (!value || value === '0') return false;
  if (/^\d+$/.test(value)) return Number(value);
  const parts = value.split(',').map((p) => p.trim());
  const valid = parts.every((p) => {
    const [address, bits, ...rest] = p.split('/');
    const family = isIP(address);
    return family !== 0 && rest.length === 0 && (bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128)));
  });
  if (!valid) {
    throw new TrustProxyError(
      `KOERSBORD_TRUST_PROXY moet een aantal proxy's zijn (bijvoorbeeld 1) of een lijst adressen van proxy's (bijvoorbeeld 127.0.0.1 of 10.0.0.0/8), niet '${value}'.`,
    );
  }
  return parts.join(',');
}

/**
 * Fastify's own hop count fails closed (it trusts nothing); a count here trusts exactly that many
 * hops nearest to the server: with 1, the address the proxy itself appended is the client's.
 */
export function fastifyTrustProxy(setting: TrustProxy | undefined): boolean | string | ((address: string, hop: number) => boolean) {
  if (typeof setting === 'number') return setting > 0 ? (_address: string, hop: number) => hop < setting : false;
  return setting ?? false;
}
