/** Colours with enough contrast on white (WCAG AA for text, 3:1 for graphics). */
export const COLORS = {
  value: '#1f5fa8',
  previousYear: '#6b7280',
  target: '#1a7f37',
  band: 'rgba(154, 103, 0, 0.14)',
  /** The 80 % interval of an estimate: the value's own blue, faint. */
  estimateBand: 'rgba(31, 95, 168, 0.16)',
  forecast: '#7c3aed',
  duiding: '#b45309',
  grid: '#d0d7de',
  text: '#1f2328',
  muted: '#57606a',
  palette: ['#1f5fa8', '#c2410c', '#15803d', '#7c3aed', '#be185d', '#0e7490', '#4d7c0f', '#a16207'],
};

export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
