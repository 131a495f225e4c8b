/**
 * healthcheck: a HEALTHCHECK that runs curl, wget or a shell cannot run on the target. Refused by default;
 * --drop-healthcheck removes it. An exec-form check that runs a program copied from a build stage stays.
 */
import { readCommand } from '../src/analysis.js';
import { runtimeImageOf, type TargetImage } from '../src/catalog.js';
import {
  type Context,
  execForm,
  type Finding,
  lineNo,
  removeInstr,
  replaceInstr,
  type Transform,
} from '../src/context.js';
import { locateProgram } from '../src/provenance.js';
import { basename, tokenize } from '../src/shell.js';
import { copiedPackages } from './python.js';

/** Is `prog` the interpreter the target image runs (`python3` for /usr/bin/python3.13, `node` for /nodejs/bin/node)? */
function sameInterpreter(prog: string, binary: string, version = '3.13'): boolean {
  const b = basename(prog);
  if (binary.endsWith('/java')) return b === 'java';
  if (binary.endsWith('/node')) return b === 'node' || b === 'nodejs';
  return (
    (b === 'python' || b === 'python3' || b === `python${version}`) &&
    (prog === b || /^\/usr\/(local\/)?bin\//.test(prog))
  );
}

/** java and python are on the images' PATH (/usr/bin; DHI puts every interpreter there); node is not (/nodejs/bin). */
function onPath(binary: string, prog: string, target: TargetImage): boolean {
  if (prog.includes('/')) return false;
  return binary.startsWith('/usr/bin/') || (target.programs ?? []).includes(prog);
}

/** The interpreter the target runs: its entrypoint, or on DHI (no entrypoint) the binary on PATH. */
function interpreterOf(target: TargetImage): string | undefined {
  return target.entrypoint?.[0] ?? runtimeImageOf(target)?.binary;
}

/** A plain HTTP probe: `curl -f[sS] URL`, `curl URL`, `wget -q --spider URL`, `wget -qO- URL` (then `|| exit 1`). */
interface Probe {
  url: string;
  /** `status`: HTTP status below 400 (curl -f, wget); `any`: any HTTP response (curl without -f). */
  success: 'status' | 'any';
  /** Whether redirects are followed (wget, curl -L). */
  follow: boolean;
  tool: string;
}

/** Reads a probe from the check's words (exec form after CMD, or the shell form split as sh would). */
function readProbe(words: string[]): Probe | null {
  let w = words;
  if (w.length >= 3 && w[w.length - 3] === '||' && w[w.length - 2] === 'exit' && w[w.length - 1] === '1')
    w = w.slice(0, -3);
  const [tool, ...args] = w;
  const urls = args.filter((a) => !a.startsWith('-'));
  const flags = args.filter((a) => a.startsWith('-'));
  if (tool === 'curl') {
    // Only flags that change nothing but the output; anything else (a method, headers, -o) is not a plain probe.
    const known = /^(-[fsSL]+|--fail|--silent|--show-error|--location|--fail-with-body)$/;
    if (urls.length !== 1 || !flags.every((f) => known.test(f))) return null;
    const fail = flags.some(
      (f) => f === '--fail' || f === '--fail-with-body' || (/^-[a-zA-Z]+$/.test(f) && f.includes('f')),
    );
    const follow = flags.some((f) => f === '--location' || (/^-[a-zA-Z]+$/.test(f) && f.includes('L')));
    return { url: urls[0] as string, success: fail ? 'status' : 'any', follow, tool };
  }
  if (tool === 'wget') {
    const rest = args.filter((a) => a !== '-O-' && a !== '-');
    const o = args.indexOf('-O');
    const toStdout = args.includes('-qO-') || args.includes('-O-') || (o >= 0 && args[o + 1] === '-');
    const spider = args.includes('--spider');
    const known = /^(-q|--quiet|--spider|-qO-|-O-|-O|--no-verbose|-nv|--tries=\d+|-t\d+|--timeout=\d+|-T\d+)$/;
    const plain = rest.filter((a) => !a.startsWith('-'));
    if (
      !(spider || toStdout) ||
      plain.length !== 1 ||
      !rest.filter((a) => a.startsWith('-')).every((f) => known.test(f))
    )
      return null;
    return { url: plain[0] as string, success: 'status', follow: true, tool };
  }
  return null;
}

/** The same probe in the target's interpreter, as exec-form words. */
function probeWords(probe: Probe, binary: string): string[] | null {
  const url = JSON.stringify(probe.url);
  if (binary.endsWith('/node')) {
    const ok = probe.success === 'status' ? 'r.status<400?0:1' : '0';
    return [
      binary,
      '-e',
      `fetch(${url},{redirect:${probe.follow ? "'follow'" : "'manual'"}}).then(r=>process.exit(${ok}),()=>process.exit(1))`,
    ];
  }
  if (/\/python(3(\.\d+)?)?$/.test(binary)) {
    const noFollow = probe.follow ? '' : 'class N(r.HTTPRedirectHandler):\n def redirect_request(s,*a): return None\n';
    const opener = probe.follow ? 'r.build_opener()' : 'r.build_opener(N)';
    const onHttpError = probe.success === 'any' ? 'sys.exit(0)' : 'sys.exit(0 if x.code<400 else 1)';
    return [
      binary,
      '-c',
      `import sys,urllib.request as r,urllib.error as e\n${noFollow}try: ${opener}.open(${url.replace(/^"|"$/g, "'")},timeout=30)\nexcept e.HTTPError as x: ${onHttpError}\nexcept Exception: sys.exit(1)`,
    ];
  }
  return null;
}

const healthcheck: Transform = {
  id: 'healthcheck',
  summary: 'Refuses (or with --drop-healthcheck removes) a HEALTHCHECK the target cannot run',
  run(ctx) {
    const out: Finding[] = [];
    const target = ctx.plan.target.ref;
    for (const ins of ctx.stage.body) {
      if (ins.keyword !== 'HEALTHCHECK') continue;
      const m = /^((?:--\S+\s+)*)(\S+)\s*(.*)$/s.exec(ins.args);
      const kind = m?.[2]?.toUpperCase();
      if (!m || kind === 'NONE') continue;
      const command = readCommand(ins, m[3] ?? '');
      // The options as one line: the rewritten check is written on one line, whatever continuations it had.
      const options = (m[1] ?? '').replace(/\s+/g, ' ');
      // A plain HTTP probe with curl or wget becomes the same probe in the target's interpreter (RULES §4).
      const binary0 = interpreterOf(ctx.plan.target);
      let probeWordsIn: string[] | null = null;
      if (kind === 'CMD' && command.form === 'shell') probeWordsIn = tokenWords(m[3] ?? '');
      else if (kind === 'CMD' && command.words?.[0] === 'CMD-SHELL') probeWordsIn = tokenWords(command.words[1] ?? '');
      else if (kind === 'CMD' && command.words?.[0] === 'CMD') probeWordsIn = command.words.slice(1);
      else if (kind === 'CMD' && command.form === 'exec') probeWordsIn = command.words;
      const probe = probeWordsIn ? readProbe(probeWordsIn) : null;
      const missing = probe ? toolMissing(ctx, probe.tool) : null;
      if (probe && missing) {
        const problem = `HEALTHCHECK runs ${probe.tool}, which ${missing} does not have and no RUN of the file installs: the old container is never healthy, and the probe minbase would write in the target's interpreter would be`;
        out.push(
          ctx.options.dropHealthcheck
            ? {
                kind: 'edit',
                rule: 'healthcheck/drop',
                line: lineNo(ins),
                why: `${problem}: removed (--drop-healthcheck)`,
                edits: [removeInstr(ctx.doc, ins)],
              }
            : {
                kind: 'block',
                rule: 'healthcheck/drop',
                line: lineNo(ins),
                message: `${problem}. Fix the check first (install ${probe.tool}, or probe with the app's interpreter), or drop it with --drop-healthcheck`,
              },
        );
        continue;
      }
      if (probe && binary0 && /^https?:\/\/[^\s$`'"]+$/.test(probe.url)) {
        const words = probeWords(probe, binary0);
        if (words) {
          out.push({
            kind: 'edit',
            rule: 'healthcheck/probe',
            line: lineNo(ins),
            why: `${target} has no ${probe.tool} and no shell: the same HTTP probe of ${probe.url} runs in ${binary0}, succeeding on ${probe.success === 'status' ? 'a status below 400' : 'any HTTP response'}${probe.follow ? ' after redirects' : ' (redirects not followed)'} and failing when it cannot connect; the options are kept`,
            edits: [replaceInstr(ctx.doc, ins, [`HEALTHCHECK ${options}CMD ${execForm(words)}`])],
          });
          continue;
        }
      }
      let problem: string | null = null;
      if (command.form === 'shell') {
        problem = `HEALTHCHECK runs ${command.program ?? 'its command'} through a shell; ${target} has no shell`;
      } else {
        const words = command.words ?? [];
        const prog = words[0] ?? '';
        const binary = interpreterOf(ctx.plan.target);
        const version = runtimeImageOf(ctx.plan.target)?.version;
        // A venv's bin/python links to the builder's interpreter, which the target lacks: the image's runs the check
        // (with the venv's packages on PYTHONPATH, as for the command), unless the venv was made from /usr/bin/python.
        const venvPython =
          binary !== undefined &&
          /python/.test(binary) &&
          /\/bin\/python[\d.]*$/.test(prog) &&
          !/^\/usr\/(local\/)?bin\//.test(prog) &&
          !copiedPackages(ctx).linkedVenv;
        const interpreter = binary !== undefined && (venvPython || sameInterpreter(prog, binary, version));
        const found = interpreter ? null : locateProgram(ctx.doc, ctx.facts, prog);
        if (interpreter && binary && prog !== binary && (venvPython || !onPath(binary, prog, ctx.plan.target))) {
          // node is not on the nodejs image's PATH: name it by its absolute path.
          const next = `HEALTHCHECK ${options}${m[2]} ${execForm([binary, ...words.slice(1)])}`;
          out.push({
            kind: 'edit',
            rule: 'healthcheck/exec',
            line: lineNo(ins),
            why: venvPython
              ? `${prog} links to the builder's interpreter, which ${target} does not have: the check runs the image's ${binary}, which finds the venv's packages through PYTHONPATH`
              : `${prog} is not on the PATH of ${target}: the check runs ${binary}, the same interpreter`,
            edits: [replaceInstr(ctx.doc, ins, [next])],
          });
          continue;
        }
        if (!interpreter && (!found || found.copy.fromRef === null || !found.origin)) {
          problem = `HEALTHCHECK runs ${prog}, which ${target} does not have`;
        }
      }
      if (problem === null) continue;
      if (ctx.options.dropHealthcheck) {
        out.push({
          kind: 'edit',
          rule: 'healthcheck/drop',
          line: lineNo(ins),
          why: `${problem}: removed (--drop-healthcheck); check health from outside (an orchestrator probe)`,
          edits: [removeInstr(ctx.doc, ins)],
        });
      } else {
        out.push({
          kind: 'block',
          rule: 'healthcheck/drop',
          line: lineNo(ins),
          message: `${problem} (drop it with --drop-healthcheck, or use a healthcheck binary copied from a build stage)`,
        });
      }
    }
    return out;
  },
};

export default healthcheck;

/**
 * The old base image, when it is one known to lack `tool` and no RUN of the file installs it: Debian and Ubuntu
 * images and the official `-slim` variants have neither curl nor wget, Alpine's busybox has wget but no curl.
 * Null when the tool is there or may be (full `node`/`python`/`golang` images have both; others are not known).
 */
function toolMissing(ctx: Context, tool: string): string | null {
  const ref = ctx.stage.rootRef;
  if (!ref) return null;
  const installs = new RegExp(
    `\\b(apt-get|apt|apk|yum|dnf|microdnf)\\b[^;&|]*\\s(install|add)\\b[^;&|]*\\s${tool}(\\s|$|=)`,
  );
  if (ctx.doc.stages.some((st) => st.body.some((i) => i.keyword === 'RUN' && installs.test(i.args)))) return null;
  // A tool the file copies in (COPY --from=... /usr/bin/curl) is there too.
  if (
    ctx.doc.stages.some((st) => st.body.some((i) => i.keyword === 'COPY' && new RegExp(`/${tool}(\\s|$)`).test(i.args)))
  )
    return null;
  const tag = (ref.tag ?? '').toLowerCase();
  const official = !ref.registry && !ref.repo.includes('/');
  if (!official) return null;
  const alpine = ref.name === 'alpine' || tag.includes('alpine');
  if (alpine) return tool === 'curl' ? ref.raw : null;
  if (ref.name === 'debian' || ref.name === 'ubuntu') return ref.raw;
  if (['node', 'python'].includes(ref.name) && /(^|-)slim(-|$)/.test(tag)) return ref.raw;
  return null;
}

/** The words of a shell command with `||` kept as a word; null when it needs more of a shell than that. */
function tokenWords(text: string): string[] | null {
  const tokens = tokenize(text);
  if (!tokens) return null;
  const out: string[] = [];
  for (const t of tokens) {
    if (t.type === 'op') {
      if (t.value !== '||') return null;
      out.push('||');
    } else if (t.expansion || t.glob) return null;
    else out.push(t.value);
  }
  return out;
}
