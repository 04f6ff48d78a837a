/** Loading, empty and error states: designed once, so no view ever shows a blank page or a raw error. */
import type { ComponentChildren } from 'preact';
import type { Loaded } from '../lib/useApi.ts';

export function Loading({ label = 'Gegevens laden…' }: { label?: string }) {
  return (
    <div class="state state-loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="state state-empty" role="status">
      <p class="state-title">{title}</p>
      {children && <p>{children}</p>}
    </div>
  );
}

export function ErrorState({ error, retry }: { error: Error; retry?: () => void }) {
  return (
    <div class="state state-error" role="alert">
      <p class="state-title">Er ging iets mis</p>
      <p>{error.message}</p>
      {retry && (
        <button type="button" onClick={retry}>
          Opnieuw proberen
        </button>
      )}
    </div>
  );
}

/** Renders the data once loaded, and the designed states otherwise; `isEmpty` decides when there is nothing to show. */
export function Async<T>({
  result,
  children,
  isEmpty,
  empty,
  loadingLabel,
}: {
  result: Loaded<T>;
  children: (data: T) => ComponentChildren;
  isEmpty?: (data: T) => boolean;
  empty?: ComponentChildren;
  loadingLabel?: string;
}) {
  if (result.error) return <ErrorState error={result.error} retry={result.reload} />;
  if (result.data == null) return <Loading label={loadingLabel} />;
  if (isEmpty?.(result.data)) return <>{empty ?? <Empty title="Geen gegevens voor deze keuze" />}</>;
  return <>{children(result.data)}</>;
}
