/** One long-form value before suppression: what the long form builds and suppression reads. */
import type { IndicatorId, ReportingRow, TargetStatus } from '../contract/domain.ts';

export interface RawValue {
  segment: ReportingRow;
  scope: string;
  period: string;
  indicator: IndicatorId;
  value: number | null;
  suppressed: boolean;
  target: number | null;
  status: TargetStatus | null;
  provisional: boolean;
  coverage: number;
  /** Person counts whose smallness (1 … threshold−1) makes this figure disclosive. */
  basis: number[];
  /** The baseline count behind the target (a crisis instroom): a small one hides the target. */
  targetBasis: number | null;
}
