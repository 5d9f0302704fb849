// Which built site the issue-12 browser tests drive: dist/ (what `npm run test:e2e` builds) unless
// DELTALAB_DIST names another build folder (a private build while others rebuild dist/).
export const DEMO_DIST = process.env.DELTALAB_DIST || undefined;
