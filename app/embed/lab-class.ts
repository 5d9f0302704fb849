// The page root's classes: presentation mode, and one "hide-<control>" per control the link hides
// (embed.css says what each hides).
import type { HideableControl } from '../store/demo-options';

export function labClass(base: string, presentation: boolean, hidden: HideableControl[]): string {
  return [base, presentation ? 'presentation' : '', ...hidden.map((h) => `hide-${h}`)]
    .filter(Boolean)
    .join(' ');
}
