/**
 * `registries` from a config file: the organisation's mirrors of the registries minbase writes bases from. A pure
 * post-step on a rewrite: only the image of a FROM line that minbase wrote (the new base, a debug stage's base) and
 * the result's `target` change, and only their prefix; every other byte of the output stays as the engine wrote it.
 */
import { diffLines } from 'diff';
import type { RewriteResult } from '../types.js';

/** Image prefix → the mirror's prefix, e.g. `gcr.io/distroless/` → `registry.corp/mirror/distroless/`. */
export type Registries = Record<string, string>;

/** `FROM [--flag=value ...] image`: group 1 is everything before the image, group 2 the image. */
const FROM_LINE = /^(\s*from\s+(?:--\S+\s+)*)([^\s#]+)/i;

/**
 * `docker.io/library/alpine:3.24` for `alpine:3.24`, `docker.io/clux/muslrust` for `clux/muslrust`: the name Docker
 * pulls, so that a `docker.io/` key matches Docker Hub images written without a registry. Null for a reference that
 * names its registry already, for `scratch` and for an ARG.
 */
function qualified(ref: string): string | null {
  if (ref.toLowerCase() === 'scratch' || ref.includes('$')) return null;
  const first = ref.split('/')[0] ?? '';
  if (ref.includes('/') && (/[.:]/.test(first) || first === 'localhost')) return null;
  return `docker.io/${ref.includes('/') ? '' : 'library/'}${ref}`;
}

/** The mirrored reference, or null when no prefix applies. The longest matching prefix wins. */
export function mirrorRef(ref: string, registries: Registries): string | null {
  // Not an image reference: scratch, an ARG, or the engine's wording for "no image chosen".
  if (ref.toLowerCase() === 'scratch' || ref.includes('$') || /\s/.test(ref)) return null;
  const keys = Object.keys(registries).sort((a, b) => b.length - a.length);
  for (const candidate of [ref, qualified(ref)]) {
    if (candidate === null) continue;
    for (const key of keys) {
      if (candidate.startsWith(key)) return registries[key] + candidate.slice(key.length);
    }
  }
  return null;
}

/**
 * The result with `registries` applied: in each line that the rewrite added (a line of the output that is not a line
 * of the input), a FROM image that has a mirror gets it, unless the input already pulled that same image (the user's
 * own reference is theirs to keep); `target` likewise, for rewritten and refused files. Unchanged, skipped and error
 * results come back as they are.
 */
export function applyRegistries(
  input: string,
  result: RewriteResult,
  registries: Registries | undefined,
): RewriteResult {
  if (!registries || Object.keys(registries).length === 0) return result;
  if (result.outcome !== 'rewritten' && result.outcome !== 'refused') return result;
  const target = result.target === null ? null : (mirrorRef(result.target, registries) ?? result.target);
  if (result.outcome !== 'rewritten') return target === result.target ? result : { ...result, target };

  const inputImages = new Set<string>();
  for (const line of input.split(/\r?\n/)) {
    const image = FROM_LINE.exec(line)?.[2];
    if (image !== undefined) inputImages.add(image);
  }
  const written = new Map<string, string>();
  if (target !== null && result.target !== null && target !== result.target) written.set(result.target, target);
  let output = '';
  for (const part of diffLines(input, result.output)) {
    if (part.removed) continue;
    if (!part.added) {
      output += part.value;
      continue;
    }
    output += part.value.replace(/^.*$/gm, (line) => {
      const m = FROM_LINE.exec(line);
      const image = m?.[2];
      if (!m || image === undefined || inputImages.has(image)) return line;
      const mirrored = mirrorRef(image, registries);
      if (mirrored === null) return line;
      written.set(image, mirrored);
      return m[1] + mirrored + line.slice(m[0].length);
    });
  }
  // The reasons name the images as written: `java → registry.corp/mirror/distroless/java21-debian13`.
  const say = (text: string): string => renameImages(text, written);
  const changes = result.changes.map((c) => ({ ...c, why: say(c.why) }));
  return { ...result, output, target, reason: result.reason === null ? null : say(result.reason), changes };
}

/** `text` with each whole image reference of `names` (not one that goes on with `:tag`, `/path` or `-suffix`) renamed. */
function renameImages(text: string, names: Map<string, string>): string {
  let out = text;
  for (const [from, to] of [...names].sort((a, b) => b[0].length - a[0].length)) {
    const escaped = from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`(?<![\\w./:@-])${escaped}(?![\\w./:@-]*[\\w/])`, 'g'), to);
  }
  return out;
}
