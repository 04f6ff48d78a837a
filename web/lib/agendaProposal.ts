/**
 * "Sessie voorbereiden": an agenda proposed from the top signals of /api/signals, one topic per
 * row and scope (the highest-ranked signal of it gives the question), in the signals' order.
 * The planner edits the proposal like any agenda before saving it.
 */
import type { Signal } from '../../contract/signals.ts';

/** Topics proposed at most: what a session of two hours can discuss, not a threshold of the data. */
export const PROPOSED_TOPICS = 6;

export interface ProposedTopic {
  segment: string;
  gemeente: string;
  note: string;
}

export function proposeAgenda(signals: Signal[], allowedRows: readonly string[], max = PROPOSED_TOPICS): ProposedTopic[] {
  const topics = new Map<string, ProposedTopic>();
  for (const s of signals) {
    if (!allowedRows.includes(s.segment)) continue;
    const key = `${s.segment}\t${s.gemeente_code}`;
    if (!topics.has(key)) topics.set(key, { segment: s.segment, gemeente: s.gemeente_code, note: s.reason });
    if (topics.size >= max) break;
  }
  return [...topics.values()];
}
