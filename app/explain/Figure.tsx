// A step's figure with its text alternative: the caption says in words what the figure shows now.
import type { ReactNode } from 'react';

export function ExplainFigure({ caption, children }: { caption: string; children: ReactNode }) {
  return (
    <figure className="explain-figure" data-testid="explain-figure">
      <div className="explain-figure-body">{children}</div>
      <figcaption data-testid="explain-caption">{caption}</figcaption>
    </figure>
  );
}
