/**
 * python: a Python app. Only CPython 3.13 on a Debian builder moves, to gcr.io/distroless/python3-debian13
 * (entrypoint /usr/bin/python3.13); other versions and Alpine are refused. Console scripts (gunicorn, uvicorn...)
 * run as `-m MODULE`. A venv or site-packages copied from the builder is reached through PYTHONPATH (its own
 * python links to the builder's interpreter), unless the builder linked /usr/bin/python before making the venv.
 * --family dhi: the same minor on the builder's libc (dhi.io/python:3.X-debian13 or -alpine3.NN), the command keeps
 * python3 (DHI sets no ENTRYPOINT); --family chainguard: only the one version of cgr.dev/chainguard/python.
 */
import { type CopyInfo, joinPath, normalizePath, type StageFacts, stageFacts } from '../src/analysis.js';
import { CONSOLE_SCRIPTS, runtimeImageOf } from '../src/catalog.js';
import { type Context, eolAt, type Finding, indentOf, lineNo, type Transform } from '../src/context.js';
import { type DockerDocument, type Instr, parseAssignments, type Stage } from '../src/document.js';
import { familyImageFor, findVersion, imageFor } from '../src/interpreted.js';
import { commandWords, findProgramCopy, sourcePath, stagePath, stageSteps } from '../src/provenance.js';
import type { CommandPlan, PlanOutcome, RuntimeModule } from '../src/runtime.js';
import { familyOf, glibcCheck } from '../src/runtime.js';
import { basename } from '../src/shell.js';
import { isAlpine, pythonVersion } from '../src/versions.js';

interface SitePath {
  /** Where the packages are in the runtime stage. */
  path: string;
  line: number;
}

interface Venv {
  path: string;
  /** The builder linked /usr/bin/python before making it, so its python is the image's. */
  linked: boolean;
  /** The RUN that installed the project into it in editable mode (a .pth file), if any. */
  editable: Instr | null;
}

/**
 * Venvs a stage has: those it makes (`python -m venv X`, `virtualenv X`, `uv venv X`, `uv sync`, Poetry/Pipenv
 * in-project) and those it copies from other stages (`COPY --from=builder /opt/venv /opt/venv`).
 */
export function venvsOf(doc: DockerDocument, stage: Stage, depth = 0): Venv[] {
  const out = ownVenvs(doc, stage);
  if (depth > 8) return out;
  for (const c of stageFacts(doc, stage).copies) {
    if (!c.fromStage) continue;
    for (const v of venvsOf(doc, c.fromStage, depth + 1)) {
      for (const src of c.sources.map(normalizePath)) {
        if (v.path !== src && !v.path.startsWith(`${src}/`)) continue;
        const dest = c.destIsDir && c.sources.length > 1 ? joinPath(c.dest, basename(src)) : c.dest;
        const path = v.path === src ? dest : `${dest}${v.path.slice(src.length)}`;
        if (!out.some((o) => o.path === path)) out.push({ ...v, path });
      }
    }
  }
  return out;
}

function ownVenvs(doc: DockerDocument, stage: Stage): Venv[] {
  const out: Venv[] = [];
  let linked = false;
  for (const st of stageSteps(doc, stage)) {
    const w = commandWords(st);
    const prog = basename(w[0] ?? '');
    const rest = w.slice(1);
    const plain = rest.filter((x) => !x.startsWith('-'));
    if (
      prog === 'ln' &&
      rest.some((x) => /^-\w*s/.test(x)) &&
      /^\/usr\/bin\/python3?$/.test(plain[plain.length - 1] ?? '')
    )
      linked = true;
    let path: string | null = null;
    let viaUsrBin = false;
    if (/^python[\d.]*$/.test(prog) && rest[0] === '-m' && (rest[1] === 'venv' || rest[1] === 'virtualenv')) {
      path = rest.slice(2).find((x) => !x.startsWith('-')) ?? null;
      viaUsrBin = /^\/usr\/bin\/python/.test(w[0] ?? '');
    } else if (prog === 'virtualenv') path = plain[0] ?? null;
    else if (prog === 'uv' && rest[0] === 'venv') path = plain[1] ?? '.venv';
    let editable: Instr | null = null;
    if (prog === 'uv' && rest[0] === 'sync') {
      path = st.env.get('UV_PROJECT_ENVIRONMENT') ?? '.venv';
      const noProject = rest.includes('--no-install-project') || rest.includes('--no-editable');
      if (!noProject && st.env.get('UV_NO_EDITABLE') === undefined) editable = st.instr;
    }
    if (
      prog === 'poetry' &&
      rest[0] === 'install' &&
      /^(true|1)$/i.test(st.env.get('POETRY_VIRTUALENVS_IN_PROJECT') ?? '')
    ) {
      path = '.venv';
      if (!rest.includes('--no-root')) editable = st.instr;
    }
    if (prog === 'pipenv' && /^(true|1)$/i.test(st.env.get('PIPENV_VENV_IN_PROJECT') ?? '')) path = '.venv';
    if (
      /^pip[\d.]*$/.test(prog) &&
      rest[0] === 'install' &&
      rest.some((x) => x === '-e' || x.startsWith('--editable'))
    ) {
      // `pip install -e .` into the venv whose pip runs it.
      const venv = /^(.*)\/bin\/pip[\d.]*$/.exec(w[0] ?? '')?.[1];
      const found = venv ? out.find((v) => v.path === joinPath(st.cwd, venv)) : out[out.length - 1];
      if (found) found.editable = st.instr;
      continue;
    }
    if (path === null) continue;
    const abs = joinPath(st.cwd, path);
    const known = out.find((v) => v.path === abs);
    if (known) {
      known.editable = known.editable ?? editable;
      continue;
    }
    out.push({ path: abs, linked: linked && viaUsrBin, editable });
  }
  return out;
}

/**
 * The arguments after `install` of a pip install command (`pip install`, `pip3.13 install`, `python -m pip
 * install`, `uv pip install`), or null for any other command.
 */
export function pipInstallArgs(w: string[]): string[] | null {
  const prog = basename(w[0] ?? '');
  let k = 0;
  if (/^python[\d.]*$/.test(prog) && w[1] === '-m' && /^pip[\d.]*$/.test(w[2] ?? '')) k = 3;
  else if (/^pip[\d.]*$/.test(prog)) k = 1;
  else if (prog === 'uv' && w[1] === 'pip') k = 2;
  else return null;
  return w[k] === 'install' ? w.slice(k + 1) : null;
}

/**
 * Where a stage's `pip install` (pip, `python -m pip`, `uv pip`) put packages outside the interpreter's own
 * site-packages: `--prefix P` (P/lib/pythonX.Y/site-packages), `--target T` (T itself), `--root R` (below R, at the
 * interpreter's prefix /usr/local).
 */
export function pipTrees(doc: DockerDocument, stage: Stage, version: string): string[] {
  const out: string[] = [];
  for (const st of stageSteps(doc, stage)) {
    const w = pipInstallArgs(commandWords(st));
    if (w === null) continue;
    for (let i = 0; i < w.length; i++) {
      const m = /^(--prefix|--target|-t|--root)(?:=(.*))?$/.exec(w[i] as string);
      if (!m) continue;
      const value = m[2] ?? w[++i];
      if (!value) continue;
      const dir = joinPath(st.cwd, value);
      if (m[1] === '--prefix') out.push(`${dir}/lib/python${version}/site-packages`);
      else if (m[1] === '--root') out.push(`${dir}/usr/local/lib/python${version}/site-packages`);
      else out.push(dir);
    }
  }
  return out;
}

/** The Python minor of the target (3.13 on distroless), for site-packages paths. */
function targetPython(ctx: Context): string {
  const image = runtimeImageOf(ctx.plan.target);
  return image?.runtime === 'python' ? image.version : '3.13';
}

/** Packages the runtime stage copies from the builder: venvs, site-packages, `pip install --user` trees. */
export function copiedPackages(ctx: Context): { sites: SitePath[]; linkedVenv: boolean; editable: Instr[] } {
  const sites: SitePath[] = [];
  const editable: Instr[] = [];
  let linkedVenv = false;
  const version = targetPython(ctx);
  const SYSTEM_SITE = `/usr/local/lib/python${version}/site-packages`;
  // A venv made with /usr/bin/python runs on images that have /usr/bin/python (not DHI's old /opt layout).
  const usrBinPython = ctx.plan.target.programs?.includes('/usr/bin/python') ?? true;
  const builderVenvs = ctx.plan.builder ? venvsOf(ctx.doc, ctx.plan.builder) : [];
  for (const c of ctx.facts.copies) {
    if (!c.fromStage || !ctx.stage.body.includes(c.instr)) continue;
    const venvs = c.fromStage === ctx.plan.builder ? builderVenvs : venvsOf(ctx.doc, c.fromStage);
    const trees = pipTrees(ctx.doc, c.fromStage, version);
    for (const src of c.sources.map(normalizePath)) {
      const dest = c.destIsDir && c.sources.length > 1 ? joinPath(c.dest, basename(src)) : c.dest;
      const map = (p: string) => (p === src ? dest : `${dest}${p.slice(src.length)}`);
      for (const v of venvs) {
        if (v.path === src || v.path.startsWith(`${src}/`)) {
          if (v.editable && !editable.includes(v.editable)) editable.push(v.editable);
          if (v.linked && usrBinPython) linkedVenv = true;
          else sites.push({ path: `${map(v.path)}/lib/python${version}/site-packages`, line: lineNo(c.instr) });
        }
      }
      // `pip install --prefix=/install` in the builder, then `COPY --from=build /install /usr/local`.
      const tree = trees.find((t) => t === src || t.startsWith(`${src}/`));
      if (tree !== undefined) sites.push({ path: map(tree), line: lineNo(c.instr) });
      else if (/\/lib\/python3\.\d+\/(site|dist)-packages$/.test(src))
        sites.push({ path: dest, line: lineNo(c.instr) });
      // COPY --from=build /usr/local /usr/local brings pip's system installs, which Debian's python does not search.
      else if (SYSTEM_SITE.startsWith(`${src}/`)) sites.push({ path: map(SYSTEM_SITE), line: lineNo(c.instr) });
      else if (/\/\.local$/.test(src))
        sites.push({ path: `${dest}/lib/python${version}/site-packages`, line: lineNo(c.instr) });
    }
  }
  return { sites, linkedVenv, editable };
}

/** Packages that build from source against a system library, which distroless python3 does not ship. */
const SYSTEM_LIBRARY: Record<string, string> = {
  psycopg2: 'libpq (libpq5)',
  mysqlclient: 'libmysqlclient / libmariadb3',
  'python-ldap': 'libldap',
  pycurl: 'libcurl',
  pyodbc: 'unixODBC (libodbc2)',
  'python-magic': 'libmagic (libmagic1)',
  pygraphviz: 'graphviz (libcgraph6)',
  'mysql-python': 'libmysqlclient',
};

/** Names of the packages a `pip install` line installs, with requirements files read from the build context. */
function pipPackages(ctx: Context, stage: Stage): Array<{ name: string; line: number }> {
  const out: Array<{ name: string; line: number }> = [];
  const facts = stageFacts(ctx.doc, stage);
  for (const st of stageSteps(ctx.doc, stage)) {
    const args = pipInstallArgs(commandWords(st));
    if (args === null) continue;
    const line = st.instr.line + 1;
    for (let i = 0; i < args.length; i++) {
      const a = args[i] as string;
      if (a === '-r' || a === '--requirement') {
        const file = args[++i];
        if (!file) continue;
        const text = contextFile(ctx, facts, joinPath(st.cwd, file));
        for (const l of (text ?? '').split(/\r?\n/)) {
          const name = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(l)?.[1];
          if (name) out.push({ name: name.toLowerCase(), line });
        }
        continue;
      }
      if (
        /^-(c|e|i|f|t)$|^--(constraint|index-url|extra-index-url|find-links|target|prefix|root|no-binary|only-binary|platform|python-version|implementation|abi|src|upgrade-strategy|progress-bar|report|trusted-host|cache-dir)$/.test(
          a,
        )
      ) {
        i++;
        continue;
      }
      if (a.startsWith('-')) continue;
      const name = /^([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(a)?.[1];
      if (name) out.push({ name: name.toLowerCase(), line });
    }
  }
  return out;
}

/** The build-context file a stage copied to `abs` (`COPY requirements.txt .`), read through readContextFile. */
function contextFile(ctx: Context, facts: StageFacts, abs: string): string | null {
  const read = ctx.options.readContextFile;
  if (!read) return null;
  for (let i = facts.copies.length - 1; i >= 0; i--) {
    const c = facts.copies[i] as CopyInfo;
    if (c.fromRef !== null) continue;
    const src =
      c.destIsDir || abs.startsWith(`${c.dest}/`) ? sourcePath(c, abs) : c.dest === abs ? sourcePath(c, abs) : null;
    if (src === null) continue;
    return read(src.replace(/^\/+/, '') || '.');
  }
  return null;
}

/**
 * The interpreter word to write on an image that keeps it (DHI), or the image's interpreter by its absolute path
 * when the stage's PATH would find the word first in something the stage copies: a venv's `bin/python3` (a link to
 * the builder's interpreter), a copied `/usr/local/bin`.
 */
function interpreterWord(ctx: Context, word: string, binary: string): { word: string; shadowedBy: string | null } {
  const programs = (ctx.plan.target.programs ?? []).filter((p) => p.startsWith('/'));
  const imagePath = [
    ...(programs.includes(`/usr/bin/${word}`) ? [] : [binary.slice(0, binary.lastIndexOf('/'))]),
    '/usr/local/sbin',
    '/usr/local/bin',
    '/usr/sbin',
    '/usr/bin',
    '/sbin',
    '/bin',
  ];
  for (const dir of stagePath(ctx.facts) ?? imagePath) {
    const path = `${dir.replace(/\/+$/, '')}/${word}`;
    if (programs.includes(path)) return { word, shadowedBy: null };
    if (findProgramCopy(ctx.facts, path)) return { word: binary, shadowedBy: path };
  }
  return { word, shadowedBy: null };
}

const python: RuntimeModule = {
  runtime: 'python',
  summary: 'Python 3.13 apps → distroless python3-debian13; console scripts as -m MODULE, venvs through PYTHONPATH',
  plan(input): PlanOutcome {
    const src = findVersion(
      input,
      pythonVersion,
      'Python',
      /\b(?:apk|apt-get|apt|yum|dnf|microdnf)\b[^;&|]*\s(?:add|install)\b[^;&|]*\spython3?\b/,
    );
    if ('ok' in src) return src;
    const builderRef = input.builderFacts?.chain[0]?.rootRef ?? null;
    const builderVersion = builderRef ? pythonVersion(builderRef) : null;
    if (familyOf(input.options) !== 'distroless') {
      // DHI and Chainguard: the version of the runtime stage's image, and the libc the packages were built on.
      const built = builderVersion && 'value' in builderVersion ? builderVersion.value : null;
      if (built !== null && built !== src.version && builderRef) {
        return {
          ok: false,
          rule: 'python/version',
          line: src.line,
          message: `the app's packages are built on Python ${built} (${builderRef.raw}) and run on Python ${src.version} (line ${src.line}, ${src.ref.raw}); packages installed for ${built} do not load in ${src.version}. Use the same minor in both stages, then run minbase again`,
        };
      }
      return familyImageFor(input, 'python', src, builderRef ?? src.ref, 'python/version');
    }
    const alpine = isAlpine(src.ref) ? src.ref : isAlpine(builderRef) ? builderRef : null;
    if (alpine) {
      return {
        ok: false,
        rule: 'python/version',
        line: src.line,
        hint: true,
        message: `the app is built on Alpine (${alpine.raw}): packages compiled there link musl, and distroless python3 is Debian's glibc CPython 3.13. Build and run on python:3.13-slim-trixie, then run minbase again`,
      };
    }
    const versions = [src.version, builderVersion && 'value' in builderVersion ? builderVersion.value : src.version];
    const other = versions.find((v) => v !== '3.13');
    if (other !== undefined) {
      return {
        ok: false,
        rule: 'python/version',
        line: src.line,
        hint: true,
        message: `the app runs on Python ${other} (line ${src.line}, ${src.ref.raw}), and gcr.io/distroless/python3-debian13 ships only CPython 3.13; packages installed for ${other} will not load. Build and run on python:3.13-slim-trixie, then run minbase again`,
      };
    }
    return glibcCheck(src.ref, src.line, 'python/version') ?? imageFor('python', src, 'python/version', '');
  },
  translate(ctx, words): CommandPlan {
    const first = words[0] ?? '';
    const prog = basename(first);
    const rest = words.slice(1);
    const target = ctx.plan.target;
    const image = runtimeImageOf(target);
    const binary = image?.binary ?? target.entrypoint?.[0] ?? 'python3';
    // DHI sets no ENTRYPOINT and has python3 on PATH: the command keeps its interpreter word (RULES §3).
    const onPath = target.interpreter !== undefined;
    if (/^python(3(\.\d+)?)?$/.test(prog)) {
      if (rest.length === 0)
        return { kind: 'block', message: `runs ${first} with no script (a REPL); name the script or module` };
      const inVenv = /\/bin\/python[\d.]*$/.test(first) && !first.startsWith('/usr/');
      if (inVenv && copiedPackages(ctx).linkedVenv) {
        return {
          kind: onPath ? 'cmd' : 'full',
          words,
          why: `the builder linked /usr/bin/python before creating the venv, so ${first} resolves to the image's interpreter and stays`,
        };
      }
      if (onPath) {
        const keep = !first.includes('/') && (target.programs ?? []).includes(first);
        const chosen = interpreterWord(ctx, keep ? first : 'python3', binary);
        if (chosen.shadowedBy !== null) {
          return {
            kind: 'cmd',
            words: [chosen.word, ...rest],
            why: `${target.ref} sets no ENTRYPOINT, and the stage's PATH finds ${keep ? first : 'python3'} first at ${chosen.shadowedBy}, which the stage copies (a venv's python links to the builder's interpreter): the image's interpreter ${binary} runs the same arguments`,
          };
        }
        return {
          kind: 'cmd',
          words: [keep ? first : 'python3', ...rest],
          why: keep
            ? `${target.ref} sets no ENTRYPOINT and has ${first} on PATH, so the command stays as written`
            : `${target.ref} sets no ENTRYPOINT and has python3 on PATH (${binary}); ${first} ${inVenv ? "links to the builder's interpreter, which the image does not have" : "is the old image's path"}, so python3 runs the same arguments`,
        };
      }
      return {
        kind: 'args',
        words: rest,
        why: `the image runs ${binary} itself, so ${first} is dropped${inVenv ? " (the venv's python links to the builder's interpreter, which the image does not have)" : ''}`,
      };
    }
    const module = CONSOLE_SCRIPTS[prog];
    if (module) {
      const why = `${prog} is a console script whose shebang names the builder's interpreter: the image's python runs it as -m ${module}`;
      const declares = { from: [first], to: ['python', '-m', module] };
      if (onPath) {
        const chosen = interpreterWord(ctx, 'python3', binary);
        const also =
          chosen.shadowedBy === null
            ? ''
            : ` (by its path: the stage's PATH finds ${chosen.shadowedBy}, which it copies, first)`;
        return { kind: 'cmd', words: [chosen.word, '-m', module, ...rest], declares, why: why + also };
      }
      return { kind: 'args', words: ['-m', module, ...rest], declares, why };
    }
    return {
      kind: 'block',
      message: `runs ${first}; ${target.ref} runs only python (no shell, and console scripts need -m): write the command as python -m MODULE`,
    };
  },
};

/** Adds ENV PYTHONPATH for packages copied from the builder, before the command. */
export const pythonPath: Transform = {
  id: 'python',
  summary: 'Points PYTHONPATH at a venv or site-packages copied from the builder',
  run(ctx): Finding[] {
    if (ctx.plan.runtime !== 'python' || runtimeImageOf(ctx.plan.target) === null) return [];
    const { sites, editable } = copiedPackages(ctx);
    const blocks: Finding[] = [];
    for (const ins of editable) {
      blocks.push({
        kind: 'block',
        rule: 'python/editable',
        line: lineNo(ins),
        fundamental: true,
        message: `this RUN installs the project in editable mode (a .pth file pointing at its source), and PYTHONPATH does not read .pth files: the image's python would not find the project's own package. Install it with uv sync --no-editable (or pip install without -e), then run minbase again`,
      });
    }
    for (const st of [...new Set(ctx.facts.copies.map((c) => c.fromStage).filter((x): x is Stage => x !== null))]) {
      for (const p of pipPackages(ctx, st)) {
        const lib = SYSTEM_LIBRARY[p.name];
        if (
          !lib ||
          blocks.some((b) => b.kind === 'block' && b.line === p.line && b.message.startsWith(`pip installs ${p.name},`))
        )
          continue;
        blocks.push({
          kind: 'block',
          rule: 'python/system-library',
          line: p.line,
          fundamental: true,
          message: `pip installs ${p.name}, which builds from source and links ${lib} of the builder at run time; ${ctx.plan.target.ref} does not have it${p.name === 'psycopg2' ? '. Use psycopg2-binary or psycopg[binary] (they bundle libpq)' : ''}`,
        });
      }
    }
    if (blocks.length > 0) return blocks;
    if (sites.length === 0) return [];
    // pip install --user as root puts packages in /root/.local; /root is 0700, so --nonroot's uid 65532 cannot read them.
    const underRoot = sites.find((s) => s.path === '/root' || s.path.startsWith('/root/'));
    if (underRoot && ctx.options.nonroot) {
      return [
        {
          kind: 'block',
          rule: 'python/root-site',
          line: underRoot.line,
          message: `the packages are in ${underRoot.path} (pip install --user as root), and /root is readable by root only: under --nonroot (uid 65532) python could not import them. Install into a venv (python -m venv /venv) or drop --nonroot`,
        },
      ];
    }
    const command = ctx.stage.body.find((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
    if (!command) return [];
    // What the stage itself puts on PYTHONPATH comes first, as it did before the old interpreter's site-packages;
    // a site it already names is not named twice.
    let own: string | null = null;
    for (const i of ctx.facts.instrs) {
      if (i.keyword !== 'ENV') continue;
      for (const [k, v] of parseAssignments(i.args)) if (k === 'PYTHONPATH' && v !== null) own = v;
    }
    const named = new Set((own ?? '').split(':'));
    const paths = [...new Set(sites.map((s) => s.path))].filter((p) => !named.has(p));
    if (paths.length === 0) return [];
    // Docker's own ENV substitution, not a template: keep what the stage already put on PYTHONPATH.
    const keepExisting = '$' + '{PYTHONPATH}:';
    const value = (own ? keepExisting : '') + paths.join(':');
    const start = ctx.doc.lineStarts[command.line] ?? command.start;
    const eol = eolAt(ctx.doc, command.start);
    return [
      {
        kind: 'edit',
        rule: 'python/pythonpath',
        line: sites[0]?.line ?? lineNo(command),
        why: `the packages copied from the builder (${paths.join(', ')}) belong to a venv or install whose python is the builder's; the image's interpreter finds them through PYTHONPATH`,
        declares: { env: ['PYTHONPATH'] },
        edits: [{ start, end: start, text: `${indentOf(ctx.doc, command)}ENV PYTHONPATH=${value}${eol}` }],
      },
    ];
  },
};

export default python;
