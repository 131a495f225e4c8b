/**
 * Config files: found the way prettier and eslint find theirs (lilconfig), from each Dockerfile's folder up to the
 * repository's root (the folder with `.git`) or the file system's root, nearest first; the nearest one applies alone.
 * Validated with a schema (config-schema.ts, loaded only when a config file is found), globs matched with picomatch.
 * A config file that cannot be read or does not fit the schema is a ConfigError naming the file and the key: exit 2.
 */
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { RewriteOptions } from '../types.js';
import { type Entry, folderListing } from './discover.js';
import type { Registries } from './mirror.js';

/** What a config file (or its overrides, or the command line) can set for a file. */
export interface Settings {
  stage?: string;
  family?: NonNullable<RewriteOptions['family']>;
  staticBase?: NonNullable<RewriteOptions['staticBase']>;
  nonroot?: boolean;
  dropHealthcheck?: boolean;
  debugStage?: boolean;
  registries?: Registries;
}

/** The options one file is planned with: the rewrite options and the mirrors. Plain data (for worker threads). */
export type PlanOptions = RewriteOptions & { registries?: Registries };

export interface Override {
  files: string[];
  excludeFiles: string[];
  settings: Settings;
}

/** A loaded and validated config file. Globs are relative to `dir`. */
export interface Config {
  file: string;
  dir: string;
  settings: Settings;
  ignore: string[];
  overrides: Override[];
}

/** Where config comes from: searched for (the default), one file (`--config FILE`), or none (`--no-config`). */
export type ConfigSource = { kind: 'search' } | { kind: 'file'; file: string } | { kind: 'none' };

/** A config file that cannot be used; `message` names the file (relative to the working folder) and the key. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Searched in each folder in this order; the first that exists (and, for package.json, has `minbase`) is used. */
export const SEARCH_PLACES = [
  'package.json',
  '.minbaserc',
  '.minbaserc.json',
  '.minbaserc.yaml',
  '.minbaserc.yml',
  '.minbaserc.js',
  '.minbaserc.cjs',
  '.minbaserc.mjs',
  'minbase.config.json',
  'minbase.config.js',
  'minbase.config.cjs',
  'minbase.config.mjs',
];

const PLACES = new Set(SEARCH_PLACES.map((name) => name.toLowerCase()));

/** How one file is to be processed. */
export interface FileConfig {
  options: PlanOptions;
  /** The config file that applied (absolute), or null. */
  config: string | null;
  /** When an `ignore` glob of that config matches the file: the glob; the file is then skipped. */
  ignoredBy: string | null;
}

type Matcher = (patterns: string[], rel: string) => boolean;
type Explorer = { search(from: string): Promise<{ config: unknown; filepath: string } | null> };
type Loaded = { config: unknown; filepath: string } | null;

/** Finds, loads and caches config files, and says how each file is to be processed. */
export class ConfigResolver {
  private readonly explorers = new Map<string, Promise<Explorer>>();
  private readonly roots = new Map<string, string>();
  /** Folder → whether it has an entry named like a config file (any case); null when it cannot be listed. */
  private readonly listed = new Map<string, boolean | null>();
  private readonly configs = new Map<string, Promise<Config | null>>();
  private matcher: Matcher | null = null;

  /**
   * @param cli the settings given on the command line: they win over every config file.
   * @param cwd the working folder, for paths in messages.
   */
  constructor(
    readonly source: ConfigSource,
    readonly cli: Settings,
    readonly cwd: string,
  ) {}

  /** How the file (or, for stdin, a file in folder `dir`) at absolute path `abs` is to be processed. */
  async forFile(abs: string): Promise<FileConfig> {
    const config = await this.configFor(path.dirname(abs));
    if (config === null) return { options: { ...this.cli }, config: null, ignoredBy: null };
    const match = await this.matchGlobs();
    const rel = path.relative(config.dir, abs).split(path.sep).join('/');
    const inside = rel !== '' && !rel.startsWith('../') && rel !== '..' && !path.isAbsolute(rel);
    const ignoredBy = inside ? (config.ignore.find((glob) => match([glob], rel)) ?? null) : null;
    let settings: Settings = { ...config.settings };
    if (inside) {
      for (const o of config.overrides) {
        if (match(o.files, rel) && !match(o.excludeFiles, rel)) settings = merge(settings, o.settings);
      }
    }
    return { options: merge(settings, this.cli), config: config.file, ignoredBy };
  }

  /** The config that applies to files in `dir` (absolute), or null. Throws ConfigError. */
  configFor(dir: string): Promise<Config | null> {
    if (this.source.kind === 'none') return Promise.resolve(null);
    const key = this.source.kind === 'file' ? '' : dir;
    let hit = this.configs.get(key);
    if (!hit) {
      hit = this.source.kind === 'file' ? this.loadFile(path.resolve(this.cwd, this.source.file)) : this.search(dir);
      this.configs.set(key, hit);
    }
    return hit;
  }

  private async search(dir: string): Promise<Config | null> {
    const root = this.repoRoot(dir);
    if (!this.mayFind(dir, root)) return null;
    const explorer = await this.explorer(root);
    let found: Loaded;
    try {
      found = await explorer.search(dir);
    } catch (err) {
      throw asConfigError(err, this.cwd);
    }
    if (found === null) return null;
    return this.validate(found.filepath, found.config);
  }

  private async loadFile(file: string): Promise<Config> {
    const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
      throw new ConfigError(
        `cannot read config ${this.show(file)}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`,
      );
    });
    let config: unknown;
    try {
      config =
        path.basename(file) === 'package.json'
          ? (parseJson(text, file) as Record<string, unknown>)?.minbase
          : await load(file, text);
    } catch (err) {
      throw asConfigError(err, this.cwd);
    }
    if (config === undefined) {
      throw new ConfigError(
        `invalid config ${this.show(file)}: ${path.basename(file) === 'package.json' ? 'no "minbase" key' : 'the file is empty'}`,
      );
    }
    return this.validate(file, config);
  }

  private async validate(file: string, raw: unknown): Promise<Config> {
    const { parseConfig } = await import('./config-schema.js');
    const prefix = path.basename(file) === 'package.json' ? 'minbase' : '';
    const parsed = parseConfig(raw, prefix);
    if (!parsed.ok) {
      const problems = parsed.issues;
      const head = `invalid config ${this.show(file)}: `;
      throw new ConfigError(head + (problems.length === 1 ? problems[0] : `\n  ${problems.join('\n  ')}`));
    }
    return { file, dir: path.dirname(file), ...parsed.config };
  }

  /** The nearest folder at or above `dir` that has `.git` (a folder, or a file in a worktree), else the root. */
  private repoRoot(dir: string): string {
    let hit = this.roots.get(dir);
    if (hit === undefined) {
      hit = existsSync(path.join(dir, '.git')) || path.dirname(dir) === dir ? dir : this.repoRoot(path.dirname(dir));
      this.roots.set(dir, hit);
    }
    return hit;
  }

  /**
   * Whether a search from `dir` up to `root` can find a config file: one listing per folder, cached, where
   * lilconfig asks for each name in each folder in turn (for a monorepo's thousands of Dockerfile folders that
   * took seconds before the first file was read). A folder that cannot be listed may still hold one.
   */
  private mayFind(dir: string, root: string): boolean {
    for (let d = dir; ; d = path.dirname(d)) {
      let has = this.listed.get(d);
      if (has === undefined) {
        try {
          has = (folderListing(d) ?? readdirSync(d)).some((name) => PLACES.has(name.toLowerCase()));
        } catch {
          has = null;
        }
        this.listed.set(d, has);
      }
      if (has !== false) return true;
      if (d === root || path.dirname(d) === d) return false;
    }
  }

  private explorer(stopDir: string): Promise<Explorer> {
    let hit = this.explorers.get(stopDir);
    if (!hit) {
      hit = import('lilconfig').then(({ lilconfig }) =>
        lilconfig('minbase', {
          searchPlaces: SEARCH_PLACES,
          stopDir,
          loaders: {
            '.json': (file: string, text: string) => parseJson(text, file),
            '.yaml': load,
            '.yml': load,
            noExt: load,
            '.js': load,
            '.cjs': load,
            '.mjs': load,
          },
        }),
      );
      this.explorers.set(stopDir, hit);
    }
    return hit;
  }

  private async matchGlobs(): Promise<Matcher> {
    if (!this.matcher) this.matcher = (await import('./config-schema.js')).globMatcher();
    return this.matcher;
  }

  private show(file: string): string {
    return displayConfigPath(this.cwd, file);
  }
}

/** Later settings win; `registries` maps are merged key by key. */
export function merge(base: Settings, over: Settings): Settings {
  const out: Settings = { ...base };
  for (const [key, value] of Object.entries(over) as Array<[keyof Settings, unknown]>) {
    if (value === undefined) continue;
    if (key === 'registries') out.registries = { ...base.registries, ...(value as Registries) };
    else (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

export function displayConfigPath(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return (rel === '' || rel.startsWith('..') ? file : rel).split(path.sep).join('/');
}

/** A load failure of a named file. */
class LoadError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

function asConfigError(err: unknown, cwd: string): ConfigError {
  if (err instanceof ConfigError) return err;
  if (err instanceof LoadError)
    return new ConfigError(`invalid config ${displayConfigPath(cwd, err.file)}: ${err.message}`);
  return new ConfigError(`cannot load config: ${err instanceof Error ? err.message : String(err)}`);
}

/** JSON with a line and column in the error. */
function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const at = /at position (\d+)/.exec(message);
    let where = '';
    if (at?.[1] !== undefined) {
      const before = text.slice(0, Number(at[1]));
      const line = before.split('\n').length;
      where = ` (line ${line}, column ${before.length - before.lastIndexOf('\n')})`;
    }
    throw new LoadError(file, `not valid JSON${where}: ${message.replace(/ in JSON at position \d+.*$/, '')}`);
  }
}

/** Loads a config file by its name: JSON, YAML (also `.minbaserc`, which may be either) or a JavaScript module. */
async function load(file: string, text: string): Promise<unknown> {
  const ext = path.extname(file);
  if (ext === '.json') return parseJson(text, file);
  if (ext === '.js' || ext === '.cjs' || ext === '.mjs') {
    try {
      const { pathToFileURL } = await import('node:url');
      const mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
      if (mod.default === undefined) throw new LoadError(file, 'has no default export (export default { ... })');
      return mod.default;
    } catch (err) {
      if (err instanceof LoadError) throw err;
      throw new LoadError(file, `cannot load it: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (/^\s*[{[]/.test(text) && ext === '') return parseJson(text, file);
  const YAML = await import('yaml');
  try {
    return YAML.parse(text);
  } catch (err) {
    throw new LoadError(
      file,
      `not valid YAML: ${err instanceof Error ? (err.message.split('\n')[0] ?? '').replace(/:$/, '') : String(err)}`,
    );
  }
}

/** The entries with their options: a file an `ignore` glob matches becomes `skipped`. Throws ConfigError. */
export async function configureEntries(
  entries: Entry[],
  resolver: ConfigResolver,
): Promise<{ entries: Entry[]; optionsFor: (entry: Entry) => PlanOptions }> {
  const byAbs = new Map<string, PlanOptions>();
  const out: Entry[] = [];
  for (const entry of entries) {
    if (entry.kind !== 'file') {
      out.push(entry);
      continue;
    }
    const resolved = await resolver.forFile(entry.abs);
    const where = resolved.config === null ? '' : displayConfigPath(resolver.cwd, resolved.config);
    if (resolved.ignoredBy !== null) {
      out.push({
        kind: 'skipped',
        display: entry.display,
        abs: entry.abs,
        reason: `ignored by ${where} ("${resolved.ignoredBy}")`,
      });
      continue;
    }
    byAbs.set(entry.abs, resolved.options);
    out.push(entry);
  }
  const cli = { ...resolver.cli };
  return { entries: out, optionsFor: (entry) => byAbs.get(entry.abs) ?? cli };
}
