/**
 * node: a Node.js app. The Node major (runtime stage's image, else the build stage's) picks
 * gcr.io/distroless/nodejs{22,24,26}-debian13; others are refused with the removal date. The image's entrypoint is
 * /nodejs/bin/node (node is not on PATH), so `node` is dropped from CMD; `npm start` resolves to its script.
 */
import { findVersion, imageFor } from '../src/interpreted.js';
import type { CommandPlan, PlanOutcome, RuntimeModule } from '../src/runtime.js';
import { glibcCheck } from '../src/runtime.js';
import { basename, splitCommand } from '../src/shell.js';
import { isAlpine, nodeVersion } from '../src/versions.js';

/** Packages that download a prebuilt native binary for the platform they are installed on (musl on Alpine). */
export const PREBUILT =
  /^(sharp|esbuild|@swc\/core|bcrypt|sqlite3|better-sqlite3|canvas|argon2|node-sass|@parcel\/watcher|lightningcss|re2|grpc|@grpc\/grpc-js-native|utf-8-validate|bufferutil|cpu-features|ssh2|@napi-rs\/.*|@node-rs\/.*|@prisma\/client|prisma|puppeteer|playwright|onnxruntime-node|@tensorflow\/tfjs-node|usb|serialport|node-pty|msgpackr-extract|farmhash|kerberos|zeromq)$/;
export const NATIVE_TOOLCHAIN =
  /\b(?:apk|apt-get|apt)\b[^;&|]*\s(?:add|install)\b[^;&|]*\s(?:python3?|make|g\+\+|gcc|build-base|build-essential)(?:[\s;&|]|$)|node-gyp/;

export function packageJson(read: ((p: string) => string | null) | undefined): Record<string, unknown> | null {
  const text = read?.('package.json');
  if (!text) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const node: RuntimeModule = {
  runtime: 'node',
  summary: 'Node.js apps → distroless nodejs22/24/26-debian13; node dropped from CMD, npm start resolved',
  plan(input): PlanOutcome {
    const src = findVersion(
      input,
      nodeVersion,
      'Node',
      /\b(?:apk|apt-get|apt|yum|dnf|microdnf)\b[^;&|]*\s(?:add|install)\b[^;&|]*\s(?:nodejs|npm)\b/,
    );
    if ('ok' in src) return src;
    const glibc = glibcCheck(src.ref, src.line, 'node/version');
    if (glibc) return glibc;
    const outcome = imageFor(
      'node',
      src,
      'node/version',
      'Upgrade to Node 22, 24 or 26 (e.g. node:22-bookworm-slim), then run minbase again',
    );
    if (!outcome.ok) return outcome;
    // node_modules installed on Alpine carry musl builds of native code; the target is glibc.
    const deps = input.builderFacts ?? input.facts;
    const depsRef = deps.chain[0]?.rootRef ?? null;
    if (isAlpine(depsRef)) {
      const native = deps.instrs.find((i) => i.keyword === 'RUN' && NATIVE_TOOLCHAIN.test(i.args));
      if (native) {
        return {
          ok: false,
          rule: 'node/native-addons',
          line: native.line + 1,
          message: `node_modules are built on Alpine with native addons (line ${native.line + 1} installs a compiler or runs node-gyp): they link musl, and distroless nodejs is glibc. Install dependencies on node:${src.version}-bookworm-slim instead`,
        };
      }
      const pkg = packageJson(input.options.readContextFile);
      const all = {
        ...(pkg?.dependencies as object | undefined),
        ...(pkg?.optionalDependencies as object | undefined),
      };
      const prebuilt = Object.keys(all).filter((d) => PREBUILT.test(d));
      if (prebuilt.length > 0) {
        return {
          ok: false,
          rule: 'node/native-addons',
          line: (deps.chain[0]?.from.instr.line ?? 0) + 1,
          message: `node_modules are installed on Alpine (${depsRef?.raw}) and package.json depends on ${prebuilt.join(', ')}, which install musl-only native binaries there; distroless nodejs is glibc. Install dependencies on node:${src.version}-bookworm-slim instead`,
        };
      }
    }
    return outcome;
  },
  translate(ctx, words): CommandPlan {
    const prog = basename(words[0] ?? '');
    const rest = words.slice(1);
    if (prog === 'node' || prog === 'nodejs') {
      if (rest.length === 0)
        return { kind: 'block', message: 'runs node with no script (a REPL); name the script to run' };
      return {
        kind: 'args',
        words: rest,
        why: 'the image runs /nodejs/bin/node itself, so the word node is dropped (node is not on its PATH)',
      };
    }
    if (prog === 'npm' || prog === 'yarn' || prog === 'pnpm') return runScript(ctx.options.readContextFile, prog, rest);
    const root = ctx.stage.rootRef;
    if (root?.name === 'node' && (/\.(c|m)?js$/.test(words[0] ?? '') || (words[0] ?? '').startsWith('-'))) {
      return {
        kind: 'args',
        words,
        why: `the node image's docker-entrypoint.sh ran ${words[0]} with node; the distroless image runs node itself`,
      };
    }
    return {
      kind: 'block',
      message: `runs ${words[0]}, not node; distroless nodejs runs only node (no shell, no npm, no other programs)`,
    };
  },
};

function runScript(read: ((p: string) => string | null) | undefined, tool: string, args: string[]): CommandPlan {
  let name: string | undefined;
  let extra: string[] = [];
  const [sub, ...more] = args;
  if (sub === 'start' || sub === 'test') {
    name = sub;
    extra = more;
  } else if (sub === 'run' || sub === 'run-script') {
    name = more[0];
    extra = more.slice(1);
  } else if (tool !== 'npm' && sub !== undefined && !sub.startsWith('-')) {
    name = sub;
    extra = more;
  }
  const shown = [tool, ...args].join(' ');
  if (!name) return { kind: 'block', message: `runs ${shown}; the target has no ${tool}` };
  if (tool === 'npm' && extra[0] === '--') extra = extra.slice(1);
  else if (tool === 'npm' && extra.length > 0)
    return {
      kind: 'block',
      message: `runs ${shown}; npm reads options before --, minbase cannot tell which reach the script`,
    };
  const pkg = packageJson(read);
  if (!pkg)
    return {
      kind: 'block',
      message: `runs ${shown}; the target has no ${tool}, and minbase could not read package.json in the build context to find the script`,
    };
  const scripts = (pkg.scripts ?? {}) as Record<string, unknown>;
  let script = scripts[name];
  if (script === undefined && name === 'start' && read?.('server.js') != null) script = 'node server.js';
  if (typeof script !== 'string')
    return { kind: 'block', message: `runs ${shown}, but package.json has no "${name}" script` };
  for (const hook of [`pre${name}`, `post${name}`]) {
    if (typeof scripts[hook] === 'string')
      return {
        kind: 'block',
        message: `runs ${shown}; ${tool} would also run the "${hook}" script, which the target cannot`,
      };
  }
  const split = splitCommand(script);
  if (!split.ok || basename(split.words[0] ?? '') !== 'node' || split.words.length < 2) {
    return {
      kind: 'block',
      message: `runs ${shown}: the "${name}" script (\`${script}\`) is not a plain \`node FILE [args]\`, and the target has no ${tool} or shell. Put \`node FILE\` in the Dockerfile's CMD`,
    };
  }
  return {
    kind: 'args',
    words: [...split.words.slice(1), ...extra],
    declares: { from: [tool, ...args], to: ['node', ...split.words.slice(1), ...extra] },
    why: `${shown} runs the "${name}" script \`${script}\` from package.json; the target has no ${tool}, so the image's node runs it directly`,
  };
}

export default node;
