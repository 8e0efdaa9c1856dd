import type { ReactNode } from 'react';

interface Props {
  title: string;
  /** A count or note after the title. */
  aside?: ReactNode;
  className?: string;
  testId?: string;
  /** Share of its column's free height, when it should follow how much the panel has to show … */
  grow?: number;
  /** … on top of this height (vh), room for its first rows whatever the others need. */
  basisVh?: number;
  children: ReactNode;
}

/** A framed block of the board with its title. */
export function BoardPanel({ title, aside, className, testId, grow, basisVh, children }: Props) {
  return (
    <section className={`db-panel${className ? ` ${className}` : ''}`} data-testid={testId} style={grow === undefined ? undefined : { flex: `${grow} 1 ${basisVh ?? 0}vh` }}>
      <header className="db-panel__head">
        <h2 className="db-panel__title">{title}</h2>
        {aside}
      </header>
      {children}
    </section>
  );
}
