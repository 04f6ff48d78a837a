/** Savings beside the plan's savings, on cards and in the segment view. */
import { formatEuroCompact } from '../lib/format.ts';

/**
 * Savings against the baseline beside the plan's savings, worded so neither can be read as the
 * other: "€ 6,8 mln (plan € 5,5 mln, ruim gehaald)"; a negative saving is an overspend.
 */
export function SavingsText({ saved, planned }: { saved: number | null | undefined; planned: number | null | undefined }) {
  if (saved == null) return <>–</>;
  const verdict = planned == null ? '' : saved >= planned ? ', gehaald' : `, nog ${formatEuroCompact(planned - saved)} te gaan`;
  return (
    <>
      {saved < 0 ? `${formatEuroCompact(-saved)} méér uitgegeven` : formatEuroCompact(saved)}
      {planned != null && <span class="muted"> (plan: {formatEuroCompact(planned)} besparen{verdict})</span>}
    </>
  );
}

