// Messages shown in the page: loading problems, bad links, engine errors.
import type { NoticeSlice, Slice } from './types';

const MAX_NOTICES = 4;
/** How long information and warnings stay; errors stay until dismissed. */
const FADE_MS = { info: 5000, warning: 12000 } as const;
let nextId = 1;

export const createNoticeSlice: Slice<NoticeSlice> = (set, get) => ({
  notices: [],
  notify: (kind, text) => {
    // The same message twice in a row (a slider dragged past a failing setting) is shown once.
    if (get().notices.some((n) => n.text === text)) return;
    const id = nextId++;
    set({ notices: [...get().notices, { id, kind, text }].slice(-MAX_NOTICES) });
    // Information and warnings fade by themselves; an error stays until dismissed.
    if (kind !== 'error') setTimeout(() => get().dismiss(id), FADE_MS[kind]);
  },
  dismiss: (id) => set({ notices: get().notices.filter((n) => n.id !== id) }),
});
