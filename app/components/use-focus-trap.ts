// Keeps keyboard focus inside an open modal dialog and gives it back to where it was on close, so
// Tab never wanders to the page behind (which aria-modal only announces, it does not enforce).
import { type RefObject, useEffect } from 'react';

const FOCUSABLE = 'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

export function useFocusTrap(box: RefObject<HTMLElement | null>, open: boolean): void {
  useEffect(() => {
    const el = box.current;
    if (!open || !el) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const items = () => Array.from(el.querySelectorAll<HTMLElement>(FOCUSABLE));
    items()[0]?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Tab') return;
      const all = items();
      if (all.length === 0) return;
      const at = all.indexOf(document.activeElement as HTMLElement);
      const next = e.shiftKey ? (at <= 0 ? all.length - 1 : at - 1) : (at + 1) % all.length;
      e.preventDefault();
      all[next].focus();
    };
    el.addEventListener('keydown', onKey);
    return () => {
      el.removeEventListener('keydown', onKey);
      before?.focus();
    };
  }, [box, open]);
}
