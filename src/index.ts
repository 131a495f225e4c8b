export { applyEdits } from './edits.js';
export { rewrite } from './rewrite.js';
export type { Blocker, Change, Edit, Outcome, RewriteOptions, RewriteResult, Runtime } from './types.js';
