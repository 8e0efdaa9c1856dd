import type { ReactNode } from 'react';

interface Props {
  title: string;
  /** A count or note after the title. */
  aside?: ReactNode;
  className?: string;
  testId?: string;
  children: ReactNode;
}

/** A framed block of the board with its title. */
export function BoardPanel({ title, aside, className, testId, children }: Props) {
  return (
    <section className={`db-panel${className ? ` ${className}` : ''}`} data-testid={testId}>
      <header className="db-panel__head">
        <h2 className="db-panel__title">{title}</h2>
        {aside}
      </header>
      {children}
    </section>
  );
}
