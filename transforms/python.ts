/**
 * python: a Python app. Only CPython 3.13 on a Debian builder moves, to gcr.io/distroless/python3-debian13
 * (entrypoint /usr/bin/python3.13); other versions and Alpine are refused. Console scripts (gunicorn, uvicorn...)
 * run as `-m MODULE`. A venv or site-packages copied from the builder is reached through PYTHONPATH (its own
 * python links to the builder's interpreter), unless the builder linked /usr/bin/python before making the venv.
 */
import { joinPath, normalizePath, type StageFacts, stageFacts } from '../src/analysis.js';
import { CONSOLE_SCRIPTS } from '../src/catalog.js';
import { type Context, eolAt, type Finding, indentOf, lineNo, type Transform } from '../src/context.js';
import { findVersion, imageFor } from '../src/interpreted.js';
import type { CommandPlan, PlanOutcome, RuntimeModule } from '../src/runtime.js';
import { glibcCheck } from '../src/runtime.js';
import { basename } from '../src/shell.js';
import { isAlpine, pythonVersion } from '../src/versions.js';

const VENV = /(?:-m\s+venv|virtualenv|uv\s+venv)\s+(?:--?\S+\s+)*([^\s;&|]+)/g;

interface SitePath {
  /** Where the packages are in the runtime stage. */
  path: string;
  line: number;
}

function venvsOf(facts: StageFacts): Array<{ path: string; linked: boolean }> {
  const out: Array<{ path: string; linked: boolean }> = [];
  let workdir = '/';
  let linked = false;
  for (const ins of facts.instrs) {
    if (ins.keyword === 'WORKDIR') workdir = joinPath(workdir, ins.args.trim());
    if (ins.keyword !== 'RUN') continue;
    if (/\bln\s+-\w*s\w*\s+\S+\s+\/usr\/bin\/python3?\b/.test(ins.args)) linked = true;
    for (const m of ins.args.matchAll(VENV)) {
      const viaUsrBin = /\/usr\/bin\/python3?\s+-m\s+venv/.test(ins.args);
      out.push({ path: joinPath(workdir, m[1] as string), linked: linked && viaUsrBin });
    }
    if (/\buv\s+sync\b/.test(ins.args)) out.push({ path: joinPath(workdir, '.venv'), linked: false });
  }
  return out;
}

/** Packages the runtime stage copies from the builder: venvs, site-packages, `pip install --user` trees. */
const SYSTEM_SITE = '/usr/local/lib/python3.13/site-packages';

export function copiedPackages(ctx: Context): { sites: SitePath[]; linkedVenv: boolean } {
  const sites: SitePath[] = [];
  let linkedVenv = false;
  const builderVenvs = ctx.plan.builderFacts ? venvsOf(ctx.plan.builderFacts) : [];
  for (const c of ctx.facts.copies) {
    if (!c.fromStage || !ctx.stage.body.includes(c.instr)) continue;
    const venvs = c.fromStage === ctx.plan.builder ? builderVenvs : venvsOf(stageFacts(ctx.doc, c.fromStage));
    for (const src of c.sources.map(normalizePath)) {
      const dest = c.destIsDir && c.sources.length > 1 ? joinPath(c.dest, basename(src)) : c.dest;
      const map = (p: string) => (p === src ? dest : `${dest}${p.slice(src.length)}`);
      for (const v of venvs) {
        if (v.path === src || v.path.startsWith(`${src}/`)) {
          if (v.linked) linkedVenv = true;
          else sites.push({ path: `${map(v.path)}/lib/python3.13/site-packages`, line: lineNo(c.instr) });
        }
      }
      if (/\/lib\/python3\.\d+\/(site|dist)-packages$/.test(src)) sites.push({ path: dest, line: lineNo(c.instr) });
      // COPY --from=build /usr/local /usr/local brings pip's system installs, which Debian's python does not search.
      else if (SYSTEM_SITE.startsWith(`${src}/`)) sites.push({ path: map(SYSTEM_SITE), line: lineNo(c.instr) });
      else if (/\/\.local$/.test(src))
        sites.push({ path: `${dest}/lib/python3.13/site-packages`, line: lineNo(c.instr) });
    }
  }
  return { sites, linkedVenv };
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
    const alpine = isAlpine(src.ref) ? src.ref : isAlpine(builderRef) ? builderRef : null;
    if (alpine) {
      return {
        ok: false,
        rule: 'python/version',
        line: src.line,
        message: `the app is built on Alpine (${alpine.raw}): packages compiled there link musl, and distroless python3 is Debian's glibc CPython 3.13. Build and run on python:3.13-slim-trixie, then run minbase again`,
      };
    }
    const builderVersion = builderRef ? pythonVersion(builderRef) : null;
    const versions = [src.version, builderVersion && 'value' in builderVersion ? builderVersion.value : src.version];
    const other = versions.find((v) => v !== '3.13');
    if (other !== undefined) {
      return {
        ok: false,
        rule: 'python/version',
        line: src.line,
        message: `the app runs on Python ${other} (line ${src.line}, ${src.ref.raw}), and gcr.io/distroless/python3-debian13 ships only CPython 3.13; packages installed for ${other} will not load. Build and run on python:3.13-slim-trixie, then run minbase again`,
      };
    }
    return glibcCheck(src.ref, src.line, 'python/version') ?? imageFor('python', src, 'python/version', '');
  },
  translate(ctx, words): CommandPlan {
    const first = words[0] ?? '';
    const prog = basename(first);
    const rest = words.slice(1);
    if (/^python(3(\.\d+)?)?$/.test(prog)) {
      if (rest.length === 0)
        return { kind: 'block', message: `runs ${first} with no script (a REPL); name the script or module` };
      const inVenv = /\/bin\/python[\d.]*$/.test(first) && !first.startsWith('/usr/');
      if (inVenv && copiedPackages(ctx).linkedVenv) {
        return {
          kind: 'full',
          words,
          why: `the builder linked /usr/bin/python before creating the venv, so ${first} resolves to the image's interpreter and stays`,
        };
      }
      return {
        kind: 'args',
        words: rest,
        why: `the image runs /usr/bin/python3.13 itself, so ${first} is dropped${inVenv ? " (the venv's python links to the builder's interpreter, which the image does not have)" : ''}`,
      };
    }
    const module = CONSOLE_SCRIPTS[prog];
    if (module) {
      return {
        kind: 'args',
        words: ['-m', module, ...rest],
        declares: { from: [first], to: ['python', '-m', module] },
        why: `${prog} is a console script whose shebang names the builder's interpreter: the image's python runs it as -m ${module}`,
      };
    }
    return {
      kind: 'block',
      message: `runs ${first}; distroless python3 runs only python (no shell, and console scripts need -m): write the command as python -m MODULE`,
    };
  },
};

/** Adds ENV PYTHONPATH for packages copied from the builder, before the command. */
export const pythonPath: Transform = {
  id: 'python',
  summary: 'Points PYTHONPATH at a venv or site-packages copied from the builder',
  run(ctx): Finding[] {
    if (ctx.plan.runtime !== 'python' || ctx.plan.target.entrypoint === null) return [];
    const { sites } = copiedPackages(ctx);
    if (sites.length === 0) return [];
    const command = ctx.stage.body.find((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
    if (!command) return [];
    const paths = [...new Set(sites.map((s) => s.path))];
    const existing = ctx.facts.instrs.some((i) => i.keyword === 'ENV' && /\bPYTHONPATH\b/.test(i.args));
    // Docker's own ENV substitution, not a template: keep what the stage already put on PYTHONPATH.
    const keepExisting = ':$' + '{PYTHONPATH}';
    const value = paths.join(':') + (existing ? keepExisting : '');
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
