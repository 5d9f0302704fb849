// The Θx × Θh grid as coloured cells (Θx across, Θh up), the current setting outlined. One Tab stop:
// arrow keys move a cursor cell (Home/End to the row's ends, Page Up/Down to the top and bottom row),
// Enter uses its thresholds; a click does the same. Cells not yet computed are drawn empty.
import { type KeyboardEvent, useState } from 'react';
import type { CurvePoint } from '../../src/engine/types';
import type { CellColour } from './heatmap-colour';
import type { HeatmapGrid } from './heatmap-slice';

export interface CellRef {
  r: number;
  c: number;
}

interface Props {
  grid: HeatmapGrid;
  colour: CellColour;
  width: number;
  height: number;
  fontSize: number;
  /** The current setting's cell, when the thresholds are uniform and on the grid. */
  current: CellRef | null;
  /** Words for a cell (its thresholds and figures), for the cursor's announcement. */
  describe(cell: CellRef, p: CurvePoint | null): string;
  onHover(cell: CellRef | null): void;
  onPick(cell: CellRef): void;
}

const M_EM = { top: 0.5, right: 0.6, bottom: 2.6, left: 3.4 };

/** Tick labels every `every` cells, so they never collide however narrow the chart. */
function tickEvery(n: number, cellPx: number, fontSize: number): number {
  const need = fontSize * 1.8;
  return [1, 2, 5, 10, 20].find((k) => k * cellPx >= need) ?? n;
}

const NAV_KEYS = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown'];

export function moveCell(cell: CellRef, key: string, rows: number, cols: number): CellRef | null {
  const clamp = (v: number, n: number) => Math.max(0, Math.min(n - 1, v));
  switch (key) {
    case 'ArrowLeft':
      return { r: cell.r, c: clamp(cell.c - 1, cols) };
    case 'ArrowRight':
      return { r: cell.r, c: clamp(cell.c + 1, cols) };
    case 'ArrowUp':
      return { r: clamp(cell.r + 1, rows), c: cell.c };
    case 'ArrowDown':
      return { r: clamp(cell.r - 1, rows), c: cell.c };
    case 'Home':
      return { r: cell.r, c: 0 };
    case 'End':
      return { r: cell.r, c: cols - 1 };
    case 'PageUp':
      return { r: rows - 1, c: cell.c };
    case 'PageDown':
      return { r: 0, c: cell.c };
  }
  return null;
}

export function HeatmapChart(props: Props) {
  const { grid, colour, width, height, fontSize, current, describe, onHover, onPick } = props;
  const [cursor, setCursor] = useState<CellRef | null>(null);
  const rows = grid.thetaH.length;
  const cols = grid.thetaX.length;
  const M = {
    top: fontSize * M_EM.top,
    right: fontSize * M_EM.right,
    bottom: fontSize * M_EM.bottom,
    left: fontSize * M_EM.left,
  };
  const cw = Math.max(1, (width - M.left - M.right) / cols);
  const ch = Math.max(1, (height - M.top - M.bottom) / rows);
  const x = (c: number) => M.left + c * cw;
  // Row 0 (Θh = 0) at the bottom.
  const y = (r: number) => M.top + (rows - 1 - r) * ch;
  const everyX = tickEvery(cols, cw, fontSize);
  const everyY = tickEvery(rows, ch * 1.8, fontSize);
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && cursor) {
      e.preventDefault();
      e.stopPropagation();
      onPick(cursor);
      return;
    }
    if (!NAV_KEYS.includes(e.key)) return;
    // The first key lands on the current setting (or the corner), later ones move from there.
    const cell = cursor ? moveCell(cursor, e.key, rows, cols) : (current ?? { r: 0, c: 0 });
    if (!cell) return;
    // The grid owns the arrows while it has focus (they step playback elsewhere).
    e.preventDefault();
    e.stopPropagation();
    setCursor(cell);
    onHover(cell);
  };
  const cursorText = cursor ? describe(cursor, grid.rows[cursor.r]?.[cursor.c] ?? null) : '';
  return (
    <>
      {/* biome-ignore lint/a11y/useSemanticElements: an <svg> cannot be a <fieldset>; a focusable group is the ARIA chart pattern */}
      <svg
        xmlns="http://www.w3.org/2000/svg"
        width={width}
        height={height}
        className="heatmap"
        style={{ fontSize }}
        role="group"
        aria-roledescription="heatmap"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the grid's one Tab stop, whose arrow keys move between cells
        tabIndex={0}
        aria-label={`Threshold grid: ${cols} Θx by ${rows} Θh settings over the test set. Arrow keys move between cells, Enter uses a cell's thresholds. A table of every cell follows.`}
        aria-describedby="heatmap-cursor"
        data-testid="heatmap"
        data-done={grid.rows.filter(Boolean).length * cols}
        onKeyDown={onKey}
        onBlur={() => {
          setCursor(null);
          onHover(null);
        }}
        // The readout falls back to the keyboard's cell, which Enter would use, when there is one.
        onMouseLeave={() => onHover(cursor)}
      >
        <rect className="bg" width={width} height={height} />
        {grid.thetaH.map((th, r) =>
          grid.thetaX.map((tx, c) => {
            const p = grid.rows[r]?.[c] ?? null;
            return (
              // biome-ignore lint/a11y/noStaticElementInteractions: the grid's arrow keys and Enter reach every cell
              <rect
                key={`${tx}-${th}`}
                className={p ? 'cell' : 'cell empty'}
                data-testid="heatmap-cell"
                data-thx={tx}
                data-thh={th}
                x={x(c) + 0.5}
                y={y(r) + 0.5}
                width={Math.max(0.5, cw - 1)}
                height={Math.max(0.5, ch - 1)}
                fill={p ? colour.colour(p) : undefined}
                onMouseEnter={() => {
                  // The readout shows the cell Enter uses: the pointer moves a keyboard cursor too.
                  if (cursor) setCursor({ r, c });
                  onHover({ r, c });
                }}
                onClick={() => onPick({ r, c })}
              />
            );
          }),
        )}
        {current && (
          <rect
            className="mark current"
            data-testid="heatmap-current"
            x={x(current.c) - 1}
            y={y(current.r) - 1}
            width={cw + 1}
            height={ch + 1}
          />
        )}
        {cursor && (
          <rect
            className="mark cursor"
            x={x(cursor.c) - 1}
            y={y(cursor.r) - 1}
            width={cw + 1}
            height={ch + 1}
          />
        )}
        <g className="axis">
          {grid.thetaX.map((tx, c) =>
            c % everyX === 0 ? (
              <text key={tx} x={x(c) + cw / 2} y={y(0) + ch} dy="1.2em" textAnchor="middle">
                {tx}
              </text>
            ) : null,
          )}
          {grid.thetaH.map((th, r) =>
            r % everyY === 0 ? (
              <text key={th} x={M.left - 4} y={y(r) + ch / 2} dy="0.32em" textAnchor="end">
                {th}
              </text>
            ) : null,
          )}
          <text
            className="axis-label"
            x={M.left + (cols * cw) / 2}
            y={height - fontSize * 0.35}
            textAnchor="middle"
          >
            Θx (LSB)
          </text>
          <text
            className="axis-label"
            transform={`translate(${fontSize * 0.9},${M.top + (rows * ch) / 2}) rotate(-90)`}
            textAnchor="middle"
          >
            Θh (LSB)
          </text>
        </g>
      </svg>
      <span id="heatmap-cursor" className="sr-only" aria-live="polite">
        {cursorText}
      </span>
    </>
  );
}
