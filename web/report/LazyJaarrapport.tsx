/**
 * The jaarrapport view is loaded only when opened: it brings ECharts' SVG renderer (vector
 * charts in the PDF), which the dashboard's first view does not need.
 */
import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorState, Loading } from '../components/States.tsx';

export function LazyJaarrapport() {
  const [view, setView] = useState<FunctionComponent | null>(null);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    import('../views/Jaarrapport.tsx').then(
      (m) => setView(() => m.JaarrapportView),
      () => {
        setError(new Error('Het jaarrapport kon niet worden geladen. Vernieuw de pagina en probeer het opnieuw.'));
        document.documentElement.dataset.reportReady = 'error';
        document.documentElement.dataset.reportError = 'de rapportpagina kon niet worden geladen';
      },
    );
  }, []);
  if (error) return <ErrorState error={error} />;
  if (!view) return <Loading label="Jaarrapport laden…" />;
  const View = view;
  return <View />;
}
