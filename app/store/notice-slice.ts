// Messages shown in the page: loading problems, bad links, engine errors.
import type { NoticeSlice, Slice } from './types';

const MAX_NOTICES = 4;
const INFO_MS = 5000;
let nextId = 1;

export const createNoticeSlice: Slice<NoticeSlice> = (set, get) => ({
  notices: [],
  notify: (kind, text) => {
    // The same message twice in a row (a slider dragged past a failing setting) is shown once.
    if (get().notices.some((n) => n.text === text)) return;
    const id = nextId++;
    set({ notices: [...get().notices, { id, kind, text }].slice(-MAX_NOTICES) });
    // Information fades by itself; warnings and errors stay until dismissed.
    if (kind === 'info') setTimeout(() => get().dismiss(id), INFO_MS);
  },
  dismiss: (id) => set({ notices: get().notices.filter((n) => n.id !== id) }),
});
