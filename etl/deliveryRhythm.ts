/**
 * A quarterly gemeente delivers with its quarter's last month as `periode`: a delivery of it
 * for another month is refused, and the problem names the configured rhythm, so that the
 * sender knows which month the file should have carried.
 */
import type { DeliveryKind } from '../contract/domain.ts';
import type { RegionConfig } from '../region/config.ts';
import { deliveryPeriodeOf, isDeliveryPeriode, RHYTHM_WORDS, rhythmOf } from '../region/rhythm.ts';
import type { RawProblem } from './problems.ts';

/** Only toewijzingen and declaraties have a delivery month; population and budget have none. */
const RHYTHMIC: ReadonlySet<DeliveryKind> = new Set(['toewijzingen', 'declaraties']);

export function rhythmProblem(
  region: Pick<RegionConfig, 'gemeenten'>,
  kind: DeliveryKind,
  gemeente: string | null,
  periode: { line: number; value: string } | undefined,
): RawProblem | null {
  if (!RHYTHMIC.has(kind) || !gemeente || !periode) return null;
  const rhythm = rhythmOf(region, gemeente);
  if (isDeliveryPeriode(rhythm, periode.value)) return null;
  const name = region.gemeenten.find((g) => g.code === gemeente)?.name ?? gemeente;
  const words = RHYTHM_WORDS[rhythm];
  return {
    line: periode.line,
    column: 'periode',
    rule: 'delivery_rhythm',
    expected: `een periode die past bij het leveringsritme van ${name} (${words.adverb}): ${words.periodes}, voor deze maand ${deliveryPeriodeOf(rhythm, periode.value)}`,
    found: periode.value,
  };
}
