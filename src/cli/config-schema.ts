/**
 * The schema of a minbase config file (valibot) and its glob matching (picomatch). Loaded only when a config file is
 * found, so that a run without one never pays for either.
 */
import picomatch from 'picomatch';
import * as v from 'valibot';
import type { Override, Settings } from './config.js';

const FAMILIES = ['distroless', 'dhi', 'chainguard'] as const;
const STATIC_BASES = ['scratch', 'distroless'] as const;

const Glob = v.pipe(v.string(), v.trim(), v.nonEmpty('an empty glob matches nothing'));
const Globs = v.union([Glob, v.array(Glob)], 'must be a glob or a list of globs');
/** A registry prefix or a mirror: no spaces, no tag or digest. */
const Prefix = v.pipe(
  v.string(),
  v.nonEmpty('must not be empty'),
  v.regex(/^[^\s@]+$/, 'must be an image prefix such as "gcr.io/distroless/", without spaces or @'),
);
const Registries = v.pipe(
  v.record(
    Prefix,
    Prefix,
    'must map image prefixes to mirrors, e.g. {"gcr.io/distroless/": "registry.corp/distroless/"}',
  ),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    for (const [from, to] of Object.entries(dataset.value)) {
      if (from.endsWith('/') && !to.endsWith('/')) {
        addIssue({
          message: `the mirror "${to}" must end with / like the prefix it replaces, or "${from}static" would become "${to}static"`,
          path: [{ type: 'object', origin: 'value', input: dataset.value, key: from, value: to }],
        });
      }
    }
  }),
);

const settingEntries = {
  stage: v.optional(v.pipe(v.string('must be a stage name'), v.trim(), v.nonEmpty('must be a stage name'))),
  family: v.optional(v.picklist(FAMILIES, `must be ${choices(FAMILIES)}`)),
  staticBase: v.optional(v.picklist(STATIC_BASES, `must be ${choices(STATIC_BASES)}`)),
  nonroot: v.optional(v.boolean('must be true or false')),
  dropHealthcheck: v.optional(v.boolean('must be true or false')),
  debugStage: v.optional(v.boolean('must be true or false')),
  registries: v.optional(Registries),
};

const OverrideSchema = v.strictObject(
  {
    files: Globs,
    excludeFiles: v.optional(Globs),
    ...settingEntries,
  },
  (issue) => unknownKey(issue, ['files', 'excludeFiles', ...Object.keys(settingEntries)], 'an override'),
);

const KEYS = ['$schema', ...Object.keys(settingEntries), 'ignore', 'overrides'];
const ConfigSchema = v.strictObject(
  {
    $schema: v.optional(v.string()),
    ...settingEntries,
    ignore: v.optional(Globs),
    overrides: v.optional(v.array(OverrideSchema, 'must be a list of {"files": GLOB, ...settings}')),
  },
  (issue) => unknownKey(issue, KEYS, 'the config'),
);

function choices(list: readonly string[]): string {
  const quoted = list.map((x) => `'${x}'`);
  return `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
}

function unknownKey(issue: v.BaseIssue<unknown>, keys: string[], what: string): string {
  if (issue.expected === 'never') return `unknown key; ${what} takes ${keys.join(', ')}`;
  if (issue.received === 'undefined' && issue.path !== undefined) return 'is required';
  return `must be an object (${what} is {"key": value, ...})`;
}

export type ParsedConfig =
  | { ok: true; config: { settings: Settings; ignore: string[]; overrides: Override[] } }
  | { ok: false; issues: string[] };

/** Validates a config's contents; `prefix` is the key it sits under (`minbase` in package.json). */
export function parseConfig(raw: unknown, prefix: string): ParsedConfig {
  const result = v.safeParse(ConfigSchema, raw);
  if (!result.success) {
    const seen = new Set<string>();
    const issues: string[] = [];
    for (const issue of result.issues) {
      const key = keyPath(prefix, issue.path ?? []);
      const line = `${key === '' ? '' : `${key}: `}${issue.message}${received(issue)}`;
      if (!seen.has(line)) issues.push(line);
      seen.add(line);
    }
    return { ok: false, issues };
  }
  const { ignore, overrides, $schema: _, ...settings } = result.output;
  return {
    ok: true,
    config: {
      settings,
      ignore: list(ignore),
      overrides: (overrides ?? []).map(({ files, excludeFiles, ...rest }) => ({
        files: list(files),
        excludeFiles: list(excludeFiles),
        settings: rest,
      })),
    },
  };
}

function received(issue: v.BaseIssue<unknown>): string {
  if (issue.expected === 'never' || issue.type === 'raw_check' || issue.type === 'check') return '';
  if (issue.received === 'undefined') return issue.message === 'is required' ? '' : ' (missing)';
  // A validation (not empty, a pattern) says what it measured (a length); the value itself reads better.
  if (issue.kind === 'validation') return `, not ${JSON.stringify(issue.input)}`;
  return `, not ${issue.received}`;
}

function list(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** `overrides[0].family`, `registries["gcr.io/distroless/"]`. */
function keyPath(prefix: string, items: readonly v.IssuePathItem[]): string {
  let out = prefix;
  for (const item of items) {
    const key = item.key;
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

/**
 * Matches a path (relative to the config's folder, with `/`) against globs, the way .gitignore and prettier's
 * overrides read them: a glob without a `/` matches a name at any depth, a leading `/` anchors it to the config's
 * folder, and a glob that matches a folder matches everything in it.
 */
export function globMatcher(): (patterns: string[], rel: string) => boolean {
  const cache = new Map<string, (p: string) => boolean>();
  const compile = (glob: string): ((p: string) => boolean) => {
    let hit = cache.get(glob);
    if (!hit) {
      const trimmed = glob.replace(/\/+$/, '');
      const anchored = trimmed.startsWith('/');
      const pattern = anchored ? trimmed.slice(1) : trimmed;
      const isMatch = picomatch(pattern, { dot: true });
      hit = anchored || pattern.includes('/') ? isMatch : (p: string) => isMatch(p.slice(p.lastIndexOf('/') + 1));
      cache.set(glob, hit);
    }
    return hit;
  };
  return (patterns, rel) => {
    if (patterns.length === 0) return false;
    const parts = rel.split('/');
    for (const glob of patterns) {
      const isMatch = compile(glob);
      for (let i = parts.length; i > 0; i--) if (isMatch(parts.slice(0, i).join('/'))) return true;
    }
    return false;
  };
}
