import type { ComponentChildren } from 'preact';

/** The view's heading gets focus on navigation (tabIndex -1), so it must be the h1. */
export function PageHeader({ title, intro, children }: { title: string; intro?: ComponentChildren; children?: ComponentChildren }) {
  return (
    <div class="page-header">
      <div>
        <h1 tabIndex={-1}>{title}</h1>
        {intro && <p class="intro">{intro}</p>}
      </div>
      {children && <div class="page-controls">{children}</div>}
    </div>
  );
}
