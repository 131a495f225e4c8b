import type { Edit } from './types.js';

export class OverlapError extends Error {}

/** Applies non-overlapping edits to the original text. Edits may come in any order. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.start < pos || e.end < e.start || e.end > text.length) {
      throw new OverlapError(`edit [${e.start}, ${e.end}) overlaps another edit or lies outside the text`);
    }
    out += text.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  return out + text.slice(pos);
}
