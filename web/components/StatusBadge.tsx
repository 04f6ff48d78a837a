import type { TargetStatus } from '../../contract/domain.ts';
import { STATUS } from '../lib/labels.ts';

/** Colour AND icon AND text: the status never depends on colour alone. */
export function StatusBadge({ status, prefix }: { status: TargetStatus | null; prefix?: string }) {
  if (!status) return <span class="status status-none">Geen doel</span>;
  const s = STATUS[status];
  return (
    <span class={`status ${s.className}`} data-status={status}>
      <span class="status-icon" aria-hidden="true">
        {s.icon}
      </span>
      {prefix ? `${prefix}: ` : ''}
      {s.label}
    </span>
  );
}

export function Badge({ children, kind = 'info', title }: { children: string; kind?: 'info' | 'warn'; title?: string }) {
  return (
    <span class={`badge badge-${kind}`} title={title}>
      {children}
    </span>
  );
}
