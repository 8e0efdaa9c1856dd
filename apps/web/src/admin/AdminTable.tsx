import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

interface Props {
  head: readonly ReactNode[];
  /** Rows, or null while loading. */
  children: ReactNode;
  empty: boolean;
  loading: boolean;
  testId?: string;
  /** Column widths (CSS lengths), for tables that must line up with each other. */
  widths?: readonly string[];
}

/** The administration's tables: a header row, the rows, and a line when there is nothing (yet). */
export function AdminTable({ head, children, empty, loading, testId, widths }: Props) {
  const { t } = useI18n();
  return (
    <div className="table-wrap">
      <table className={`table${widths ? ' table--fixed' : ''}`} data-testid={testId}>
        {widths && (
          <colgroup>
            {widths.map((w, i) => (
              <col key={i} style={{ width: w }} />
            ))}
          </colgroup>
        )}
        <thead>
          <tr>
            {head.map((h, i) => (
              <th key={i} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {children}
          {(empty || loading) && (
            <tr>
              <td colSpan={head.length} className="table__empty">
                {t(loading ? 'loading' : 'admin.empty')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
