/**
 * debug-stage (--debug-stage, RULES §5): a `debug` stage with a shell, inserted before the production stage, with
 * the same COPY lines, user, workdir and command. alpine for static binaries, eclipse-temurin:NN-jre-alpine for
 * jars, node:NN-alpine for pure-JavaScript apps, and the distroless `:debug` tag where musl cannot run the program
 * (glibc binaries, native modules, Python). The production stage stays last, named `production` if it had none.
 */
import { DEBUG_ALPINE, type RuntimeImage, runtimeImageOf } from '../src/catalog.js';
import type { Context } from '../src/context.js';
import { parseDocument } from '../src/document.js';
import type { Change } from '../src/types.js';
import { isAlpine } from '../src/versions.js';
import { NATIVE_TOOLCHAIN, PREBUILT, packageJson } from './node.js';

interface Base {
  image: string;
  why: string;
  /** Rewrites a line of the copied stage for this base (entrypoint paths, user names), or keeps it. */
  adapt: (line: string) => string;
  /** A line to add before the command (java's `-jar` entrypoint). */
  entrypoint?: string;
  /** A word to put before an exec-form CMD that was the arguments of the target's entrypoint. */
  cmdPrefix?: string;
  /** A USER line after FROM: the production image's user, on a debug base that runs as root (DHI, Chainguard -dev). */
  user?: string;
}

const keep = (line: string) => line;

function chooseBase(ctx: Context): Base {
  const { plan, options } = ctx;
  const target = plan.target;
  const tag = plan.nonrootTag ? ':debug-nonroot' : ':debug';
  const distrolessDebug = (why: string): Base => ({ image: `${target.ref}${tag}`, why, adapt: keep });
  // DHI and Chainguard: the -dev variant of the same image has a shell (and runs as root).
  const dev = familyDev(ctx);
  if (dev) return dev;
  const userToNumbers = (line: string) =>
    line
      .replace(/^(\s*USER\s+)nonroot(?::nonroot)?\s*$/i, '$165532:65532')
      .replace(/--chown=nonroot(?::nonroot)?(?=\s)/, '--chown=65532:65532');
  if (target.entrypoint === null) {
    if (target.glibc === null) {
      return {
        image: DEBUG_ALPINE,
        why: 'the binary is static, so it runs on alpine, which has a shell and apk',
        adapt: userToNumbers,
      };
    }
    return distrolessDebug(
      `the binary links glibc, which alpine (musl) cannot load; the distroless ${tag} tag adds a busybox shell`,
    );
  }
  const runtime = target as RuntimeImage;
  if (runtime.runtime === 'java') {
    return {
      image: `eclipse-temurin:${runtime.version}-jre-alpine`,
      why: 'a jar runs on any JRE of the same version; eclipse-temurin on alpine has a shell',
      adapt: (line) => userToNumbers(line.replace(/"\/usr\/bin\/java"/, '"java"')),
      entrypoint: 'ENTRYPOINT ["java", "-jar"]',
    };
  }
  if (runtime.runtime === 'node') {
    const pkg = packageJson(options.readContextFile);
    const deps = Object.keys({
      ...(pkg?.dependencies as object | undefined),
      ...(pkg?.optionalDependencies as object | undefined),
    });
    const builder = plan.builderFacts;
    const native = builder?.instrs.some((i) => i.keyword === 'RUN' && NATIVE_TOOLCHAIN.test(i.args)) ?? false;
    const builtOnAlpine = isAlpine(builder?.chain[0]?.rootRef ?? null);
    if (pkg && !native && !deps.some((d) => PREBUILT.test(d)) && !builtOnAlpine) {
      return {
        image: `node:${runtime.version}-alpine`,
        why: 'package.json lists no native modules, so the JavaScript runs on node on alpine, which has a shell',
        adapt: (line) => userToNumbers(line.replace(/"\/nodejs\/bin\/node"/, '"node"')),
        cmdPrefix: 'node',
      };
    }
    return distrolessDebug(
      pkg
        ? `node_modules may hold native modules built for glibc, which alpine (musl) cannot load; the distroless ${tag} tag adds a busybox shell`
        : `minbase could not read package.json to rule out native modules; the distroless ${tag} tag adds a busybox shell`,
    );
  }
  return distrolessDebug(
    `Python packages with compiled parts need the same glibc CPython; the distroless ${tag} tag adds a busybox shell`,
  );
}

/** The -dev variant of a DHI or Chainguard target, where the program needs that image's libc and runtime. */
function familyDev(ctx: Context): Base | null {
  const target = ctx.plan.target;
  if (target.family === undefined) return null;
  const runtime = runtimeImageOf(target);
  // Static binaries (no libc, or DHI's musl from an Alpine builder) run on alpine like any static binary.
  if (!runtime && target.glibc === null) return null;
  let image: string;
  if (target.family === 'chainguard') image = `${target.ref}:latest-dev`;
  else if (runtime?.runtime === 'java') image = target.ref.replace(/:(\d+)-/, ':$1-jdk-') + '-dev';
  else image = `${target.ref}-dev`;
  // With --nonroot and no USER of its own, production runs as the image's user; the -dev variant would run as root.
  const ownUser = ctx.stage.body.some((i) => i.keyword === 'USER');
  const user = !ownUser && ctx.options.nonroot ? (target.user ?? null) : null;
  return {
    image,
    why: `the -dev variant of ${target.ref} has the same ${runtime ? `${runtime.runtime === 'java' ? 'Java' : runtime.runtime === 'node' ? 'Node' : 'Python'} and ` : ''}C library, plus a shell and a package manager`,
    adapt: keep,
    ...(user ? { user: `USER ${user}` } : {}),
  };
}

/**
 * Adds the debug stage to a rewritten output. `start`/`end` delimit the runtime stage in `output`.
 * Returns null when the file already has a stage named debug.
 */
export function addDebugStage(
  ctx: Context,
  output: string,
  start: number,
  end: number,
): { output: string; change: Change; note: string | null } | null {
  if (ctx.doc.stages.some((s) => s.name?.toLowerCase() === 'debug')) return null;
  const base = chooseBase(ctx);
  const stageText = output.slice(start, end);
  const sub = parseDocument(stageText);
  const stage = sub.stages[0];
  const image = stage?.from.image;
  if (!stage || !image) return null;
  const eol = sub.eol;
  const lines: string[] = [];
  const head = `${stageText.slice(0, image.start)}${base.image} AS debug`;
  lines.push(head.replace(/\r?\n/g, ' ').trimEnd());
  if (base.user) lines.push(base.user);
  const command = [...stage.body].reverse().find((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
  const ownEntrypoint = stage.body.some((i) => i.keyword === 'ENTRYPOINT');
  for (const ins of stage.body) {
    const lineStart = sub.lineStarts[ins.line] ?? ins.start;
    if (ins === command && base.entrypoint && !ownEntrypoint) lines.push(base.entrypoint);
    const next = sub.lineStarts[ins.endLine + 1] ?? stageText.length;
    let text = stageText.slice(lineStart, next).replace(/\r?\n$/, '');
    // The CMD was the arguments of distroless node's entrypoint: on node:*-alpine, the same command names node.
    if (ins === command && base.cmdPrefix && !ownEntrypoint && ins.keyword === 'CMD' && ins.args.startsWith('[')) {
      text = text.replace(/\[\s*/, `[${JSON.stringify(base.cmdPrefix)}, `);
    }
    lines.push(...text.split(/\r?\n/).map(base.adapt));
  }
  while (lines.length > 1 && (lines[lines.length - 1] as string).trim() === '') lines.pop();
  const debugText = lines.join(eol) + eol + eol;
  let production = output.slice(start, end);
  // Stage names must stay unique, or the build fails: `production` may already name another stage.
  const taken = new Set(ctx.doc.stages.map((s) => s.name?.toLowerCase()).filter(Boolean));
  let fresh = 'production';
  for (let n = 2; taken.has(fresh); n++) fresh = `production-${n}`;
  if (!stage.name) {
    const fromEnd = stage.from.instr.end;
    production = `${production.slice(0, fromEnd)} AS ${fresh}${production.slice(fromEnd)}`;
  }
  const next = output.slice(0, start) + debugText + production + output.slice(end);
  const name = stage.name ?? fresh;
  const renamed =
    !stage.name && fresh !== 'production' ? ` (named ${fresh}: a stage named production already exists)` : '';
  return {
    output: next,
    note: renamed ? `the production stage is named ${fresh}: a stage named production already exists` : null,
    change: {
      rule: 'debug-stage/add',
      line: ctx.stage.from.instr.line + 1,
      why: `added a debug stage on ${base.image}: ${base.why}. \`docker build --target debug .\` builds it; a plain \`docker build .\` still builds ${name}, the last stage${renamed}`,
    },
  };
}
