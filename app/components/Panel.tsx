// A titled region of the page; `actions` sit at the right of the title bar.
import type { ReactNode } from 'react';

interface Props {
  title: string;
  area: string;
  actions?: ReactNode;
  children: ReactNode;
}

export function Panel({ title, area, actions, children }: Props) {
  const id = `panel-${area}`;
  return (
    <section className={`panel area-${area}`} aria-labelledby={id}>
      <header className="panel-head">
        <h2 id={id}>{title}</h2>
        {actions && <div className="panel-actions">{actions}</div>}
      </header>
      <div className="panel-body">{children}</div>
    </section>
  );
}
