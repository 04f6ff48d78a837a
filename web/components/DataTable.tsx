/**
 * A sortable table whose sort lives in the URL and whose CSV and XLSX exports come from the
 * same column definitions as the screen, so the file always matches the table.
 */
import { useAppInfo } from '../lib/context.ts';
import { cellText, sortRows, toCsv, toSheet, type Column, type SortDir } from '../lib/table.ts';
import { toXlsx } from '../lib/xlsx.ts';
import { setParams, useRoute } from '../lib/useRoute.ts';
import { download, fileName } from './download.ts';

interface Props<T> {
  title: string;
  columns: Column<T>[];
  rows: T[];
  /** URL param names for this table's sort, so two tables on a page keep their own. */
  sortParam?: string;
  defaultSort?: { key: string; dir: SortDir };
  rowKey: (row: T) => string;
  /** A row to set apart (the region total). */
  highlight?: (row: T) => boolean;
}

export function DataTable<T>({ title, columns, rows, sortParam = 'sort', defaultSort, rowKey, highlight }: Props<T>) {
  const route = useRoute();
  const threshold = useAppInfo().region.privacy_threshold;
  const sortKey = route.params[sortParam] ?? defaultSort?.key;
  const dirParam = `${sortParam}_dir`;
  const dir: SortDir = (route.params[dirParam] as SortDir) ?? defaultSort?.dir ?? 'desc';
  const sortColumn = columns.find((c) => c.key === sortKey);
  const sorted = sortRows(rows, sortColumn, dir);

  const sortBy = (key: string) => {
    const nextDir: SortDir = key === sortKey ? (dir === 'asc' ? 'desc' : 'asc') : columns.find((c) => c.key === key)?.kind === 'text' ? 'asc' : 'desc';
    setParams(route, { [sortParam]: key, [dirParam]: nextDir });
  };

  return (
    <div class="table-block">
      <div class="table-tools">
        <button type="button" class="link-button" aria-label={`Exporteer CSV: ${title}`} onClick={() => download(fileName(title, 'csv'), toCsv(columns, sorted, threshold), 'text/csv;charset=utf-8')}>
          Exporteer CSV
        </button>
        <button
          type="button"
          class="link-button"
          aria-label={`Exporteer XLSX: ${title}`}
          onClick={() => download(fileName(title, 'xlsx'), toXlsx(toSheet(columns, sorted, threshold), title), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')}
        >
          Exporteer XLSX
        </button>
      </div>
      <div class="table-scroll" tabIndex={0} role="region" aria-label={title}>
        <table class="data-table">
          <caption class="sr-only">{title}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th
                  scope="col"
                  class={c.kind === 'text' ? '' : 'num'}
                  aria-sort={c.key === sortKey ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  <button type="button" class="sort-button" onClick={() => sortBy(c.key)}>
                    {c.label}
                    {c.beneath && (
                      <>
                        {' '}
                        <span class="column-beneath">{c.beneath.label}</span>
                      </>
                    )}
                    <span aria-hidden="true" class="sort-mark">
                      {c.key === sortKey ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}
                    </span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sorted.map((row) => (
              <tr key={rowKey(row)} class={highlight?.(row) ? 'row-total' : undefined}>
                {columns.map((c, i) => {
                  const text = cellText(c, row, threshold);
                  const linked = c.link ? <a href={c.link(row)}>{text}</a> : text;
                  const under = c.beneath?.column;
                  const content = under ? (
                    <>
                      <span class="cell-main">{linked}</span>{' '}
                      <span class={['cell-beneath', under.className?.(row) ?? ''].join(' ').trim()} data-col={under.key}>
                        {cellText(under, row, threshold)}
                      </span>
                    </>
                  ) : (
                    linked
                  );
                  const cls = [c.kind === 'text' ? '' : 'num', c.className?.(row) ?? ''].join(' ').trim() || undefined;
                  return i === 0 ? (
                    <th scope="row" class={cls} data-col={c.key}>
                      {content}
                    </th>
                  ) : (
                    <td class={cls} data-col={c.key}>
                      {content}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
