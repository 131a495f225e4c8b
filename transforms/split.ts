/**
 * split (RULES §6): a runtime stage that installs, builds or prepares files cannot move to a minimal base in place.
 * It stays byte for byte as a build stage (its FROM may gain `AS <name>`), and a new last stage, written on the old
 * base first, copies from it exactly what the program needs and carries over its run-time configuration. The
 * in-place rules then move that new stage to the target, and the behaviour check holds it to the old stage.
 */
import {
  joinPath,
  normalizePath,
  PATH_DIRS,
  parentDir,
  type StageFacts,
  stageFacts,
  usersCreatedBy,
} from '../src/analysis.js';
import { effectiveConfig, imageDefaults } from '../src/behaviour.js';
import type { TargetImage } from '../src/catalog.js';
import { lineNo } from '../src/context.js';
import { chainOf, type DockerDocument, flagsOf, type Instr, parseAssignments, type Stage } from '../src/document.js';
import { buildSteps, commandWords, resolveProgram, stageSteps } from '../src/provenance.js';
import { SHIPPED_DEV } from '../src/runtime.js';
import { basename, tokenize } from '../src/shell.js';
import type { Blocker, Runtime } from '../src/types.js';
import { isAlpine, pythonVersion } from '../src/versions.js';
import { pipInstallArgs, pipTrees, venvsOf } from './python.js';

export interface SplitPlan {
  /** The input with the old stage's FROM named and the new stage appended. */
  text: string;
  /** The name the old stage goes by (`build`, or its own). */
  name: string;
  /** Offset in `text` where the appended stage starts. */
  appendedAt: number;
  /** 0-based line in `text` → 1-based line of the input that it stands for. */
  lineMap: Map<number, number>;
  /** Build-only variables the new stage leaves out (declared to the behaviour check). */
  droppedEnv: string[];
  /** What the new stage copies, for the change's why. */
  copied: string[];
  /** Source trees the build read and the new stage leaves out. */
  skipped: string[];
  /**
   * Libraries the stage installed that glibc distroless images ship (libssl3, zlib1g...): the new stage relies on
   * its target having them, which `targetConflicts` checks once the target is chosen.
   */
  libraries: Array<{ name: string; line: number }>;
  /** Directories the new stage copies with an owner (`--chown`), which a target that already has them would keep. */
  owned: Array<{ path: string; chown: string; line: number }>;
}

/** ENV that only the build needs (RULES §6). */
const BUILD_ONLY_ENV =
  /^(NPM_CONFIG_\w+|npm_config_\w+|PIP_\w+|PYTHONDONTWRITEBYTECODE|GOFLAGS|CARGO_\w+|DEBIAN_FRONTEND|POETRY_\w+|UV_\w+|PIPENV_\w+|YARN_\w+)$/;

/** Packages that only build: compilers, fetchers, headers. Their absence from the new image changes nothing. */
const BUILD_PACKAGES =
  /^(build-base|build-essential|gcc|g\+\+|clang|make|cmake|pkg-?config|pkgconf|autoconf|automake|libtool|git|curl|wget|unzip|xz-utils|gnupg|gnupg2|python3-dev|python3-pip|python3-venv|python3-setuptools|python3-wheel|musl-dev|linux-headers|binutils|patch|file|ca-certificates|tzdata|openssh-client|bash|coreutils|findutils|grep|sed|gawk|tar|gzip|bzip2|jq|dpkg-dev|apt-transport-https|software-properties-common|lsb-release|upx|upx-ucl|yarn|nodejs-dev|rustup|cargo|rust|go|golang)$/;
/** Build tools of JVM projects: the tree they read is the build's input. */
const JVM_BUILD = /^(mvn|mvnw|gradle|gradlew|javac|sbt|lein|jar)$/;

/** Library packages every glibc distroless image ships (RULES §4 list). */
const SHIPPED_LIBS =
  /^(libc6|libssl3|libssl3t64|zlib1g|libgcc-s1|libstdc\+\+6|libgomp1|netbase|libc-bin|media-types|tzdata-legacy)$/;

export type SplitOutcome = { ok: true; plan: SplitPlan } | { ok: false; blockers: Blocker[] };

/**
 * Plans the split of `stage` (the last stage of `doc`). `runtime` is what the stage runs; `programPath`, for Go and
 * Rust, the binary the stage built.
 */
export function planSplit(doc: DockerDocument, stage: Stage, facts: StageFacts, runtime: Runtime): SplitOutcome {
  const blockers: Blocker[] = [];
  /** Build inputs (source trees) the new stage leaves out. */
  const skipped: string[] = [];
  const config = effectiveConfig(doc, stage);
  const workdir = config.workdir;
  const copies: Array<{ path: string; chown: string | null; line: number; src?: string; keep?: boolean }> = [];
  const owner = (spec: string | null) => spec?.split(':')[0] ?? null;
  const add = (path: string, line: number, chown: string | null = null, keep = false) => {
    const p = normalizePath(path);
    if (p === '/') return;
    const same = copies.find((c) => c.path === p);
    if (same) {
      same.chown = same.chown ?? chown;
      for (let i = copies.length - 1; i >= 0; i--) {
        const c = copies[i] as { path: string; chown: string | null; keep?: boolean };
        if (c.path.startsWith(`${p}/`) && !c.keep && (c.chown === null || owner(c.chown) === owner(same.chown)))
          copies.splice(i, 1);
      }
      return;
    }
    // Below a copied directory: already copied, unless it needs another owner (a later COPY with --chown).
    const outer = copies.filter((c) => p.startsWith(`${c.path}/`));
    // A site-packages or ~/.local is kept as its own COPY even inside a copied tree: it names the PYTHONPATH.
    if (!keep && outer.length > 0 && (chown === null || outer.some((c) => owner(c.chown) === owner(chown)))) return;
    for (let i = copies.length - 1; i >= 0; i--) {
      const c = copies[i] as { path: string; chown: string | null; keep?: boolean };
      if (c.path.startsWith(`${p}/`) && !c.keep && (c.chown === null || owner(c.chown) === owner(chown)))
        copies.splice(i, 1);
    }
    copies.push({ path: p, chown, line, keep });
  };
  const command = facts.entrypoint ?? facts.cmd;
  const fromLine = stage.from.instr.line + 1;
  const words = command?.words ?? [];
  // The program: past an init wrapper (`ENTRYPOINT ["tini", "--"]`, with CMD naming the program).
  const argv = [...(facts.entrypoint?.words ?? []), ...(facts.entrypoint && facts.cmd ? (facts.cmd.words ?? []) : [])];
  const all = facts.entrypoint ? argv : words;
  const wrapped = /^(tini|tini-static|dumb-init|catatonit)$/.test(basename(all[0] ?? ''));
  const dash = all.indexOf('--');
  const appWord = wrapped
    ? ((dash >= 0 ? all[dash + 1] : all.slice(1).find((w) => !w.startsWith('-'))) ?? '')
    : (all[0] ?? '');

  // What the program is and where it lives.
  if (runtime === 'go' || runtime === 'rust') {
    const program = programPath(doc, stage, appWord, workdir);
    if (!program) {
      blockers.push({
        rule: 'split/program',
        line: command ? lineNo(command.instr) : fromLine,
        message: `minbase cannot tell where the stage writes ${appWord || 'the program'}, so it cannot copy it into a minimal stage. Name the program by the path the build writes (CMD ["/app/server"])`,
        fundamental: true,
      });
    } else add(program, command ? lineNo(command.instr) : fromLine);
  } else if (runtime === 'java') {
    const jar = words.indexOf('-jar');
    const target = jar >= 0 ? words[jar + 1] : undefined;
    if (target) add(joinPath(workdir, target), command ? lineNo(command.instr) : fromLine);
    else if (workdir !== '/') add(workdir, fromLine);
    else {
      blockers.push({
        rule: 'split/program',
        line: command ? lineNo(command.instr) : fromLine,
        message:
          'the command runs no -jar and the stage has no WORKDIR: minbase cannot tell which files the JVM needs. Run java -jar PATH',
        fundamental: true,
      });
    }
  } else {
    // Node and Python: the app directory (WORKDIR), with node_modules or the app's modules.
    const script = words.slice(1).find((w) => !w.startsWith('-') && /\.(c|m)?js$|\.py$/.test(w));
    if (workdir !== '/') add(workdir, fromLine);
    if (script?.startsWith('/') && !script.startsWith(`${workdir}/`))
      add(parentOf(script), lineNo(command?.instr as Instr));
    if (workdir === '/' && !script?.startsWith('/')) {
      blockers.push({
        rule: 'split/program',
        line: command ? lineNo(command.instr) : fromLine,
        message: `the app runs in / (no WORKDIR), so minbase cannot tell which directory holds it. Put the app in its own WORKDIR (e.g. WORKDIR /app)`,
        fundamental: true,
      });
    }
    if (runtime === 'python') {
      for (const v of venvsOf(doc, stage)) add(v.path, fromLine);
      const site = systemSite(doc, stage, facts);
      if (site && 'refuse' in site) {
        blockers.push({
          rule: 'split/site-packages',
          line: site.line,
          message: `the stage ${site.refuse}; copy a venv instead`,
        });
      } else if (site) {
        // A user's ~/.local keeps its owner; its own COPY line is what makes the venv rule set PYTHONPATH.
        const home = createdHomes(doc, stage).find((h) => site.path.startsWith(`${h.home}/`));
        add(site.path, site.line, home?.user ?? null, true);
      }
      // What `pip install --target DIR` / `--prefix DIR` put outside the interpreter's site-packages.
      const version = facts.chain[0]?.rootRef ? pythonVersion(facts.chain[0].rootRef) : null;
      if (version && 'value' in version)
        for (const t of pipTrees(doc, stage, version.value)) add(t, fromLine, null, true);
    }
  }

  // What the stage's COPY lines brought (config, assets, node_modules outside the app directory), unless it was the
  // build's own input (the source tree a go, cargo, maven or gradle build read, the wheelhouse or requirements a pip
  // install read), a build tool put on PATH (uv, pnpm...), or removed again by a later RUN (`rm -rf /wheels`).
  const steps = stageSteps(doc, stage);
  const builds = [
    ...buildSteps(doc, stage).map((b) => b.step),
    ...steps.filter((st) => JVM_BUILD.test(basename(commandWords(st)[0] ?? ''))),
  ];
  const removed = (c: { instr: Instr; dest: string }) =>
    steps.some((st) => {
      const w = commandWords(st);
      if (st.instr.line <= c.instr.line || basename(w[0] ?? '') !== 'rm') return false;
      return w
        .slice(1)
        .some(
          (x) => !x.startsWith('-') && (joinPath(st.cwd, x) === c.dest || c.dest.startsWith(`${joinPath(st.cwd, x)}/`)),
        );
    });
  const program = words[0] ?? '';
  // What a pip install read: its wheelhouse (`--find-links /wheels`), requirements and constraints files, local
  // wheels and archives it names. A COPY of one of these before the install fed only the install.
  const pipReads: Array<{ line: number; path: string }> = [];
  for (const st of steps) {
    const w = pipInstallArgs(commandWords(st));
    if (w === null) continue;
    for (let i = 0; i < w.length; i++) {
      const m = /^(--find-links|-f|--requirement|-r|--constraint|-c)(?:=(.+))?$/.exec(w[i] as string);
      const value = m ? (m[2] ?? w[++i]) : /\.(whl|tar\.gz|zip)$/.test(w[i] as string) ? w[i] : undefined;
      if (value && !/^[a-z]+:\/\//.test(value)) pipReads.push({ line: st.instr.line, path: joinPath(st.cwd, value) });
    }
  }
  const fedPip = (c: { instr: Instr; dest: string }) =>
    pipReads.some((r) => c.instr.line < r.line && (r.path === c.dest || r.path.startsWith(`${c.dest}/`)));
  for (const c of facts.copies) {
    if (removed(c)) continue;
    if (fedPip(c)) {
      if (!skipped.includes(c.dest)) skipped.push(c.dest);
      continue;
    }
    // A COPY from the context before a build, into the tree it builds in, is that build's input; one after it is not.
    const input =
      c.fromRef === null &&
      builds.some(
        (b) =>
          c.instr.line < b.instr.line &&
          (b.cwd === c.dest || b.cwd.startsWith(`${c.dest}/`) || c.dest.startsWith(`${b.cwd}/`)),
      );
    const tool =
      runtime !== 'go' &&
      runtime !== 'rust' &&
      (PATH_DIRS.includes(c.dest) || PATH_DIRS.includes(parentDir(c.dest))) &&
      !c.sources.some((src) => basename(src) === basename(program));
    if (input || tool) {
      if (input && !skipped.includes(c.dest)) skipped.push(c.dest);
      continue;
    }
    add(c.dest, lineNo(c.instr), chownOf(c.instr, facts));
  }

  // A path an ENV names inside a tree left out (templates, static files) is copied: the program reads it.
  for (const [, value] of config.env) {
    for (const part of value.split(':')) {
      if (part.startsWith('/') && skipped.some((d) => part === d || part.startsWith(`${d}/`))) add(part, fromLine);
    }
  }
  // Time zone data the stage installed: copied with the program (RULES §4, "the old runtime stage after a split").
  if (facts.instrs.some((i) => i.keyword === 'RUN' && installedPackages(i).includes('tzdata')))
    add('/usr/share/zoneinfo', fromLine);

  // Every command of the stage must be one whose effect the copies above carry, or that only served the build.
  for (const st of steps) {
    const why = unknownEffect(commandWords(st));
    if (why) {
      blockers.push({
        rule: 'split/run',
        line: st.instr.line + 1,
        message: `\`${commandWords(st).join(' ').slice(0, 60)}\` ${why}; minbase cannot carry its effect into a new stage. Do it in a build stage and COPY the result, or keep this image`,
      });
    }
  }
  for (const ins of facts.instrs) {
    if (ins.keyword !== 'RUN' || ins.heredoc) continue;
    if (
      /(^|[^<>&|])(>>?|\|)(?![|&])/.test(
        ins.args.replace(/"[^"]*"|'[^']*'/g, '').replace(/\|\||&&|2>&1|>\s*\/dev\/null/g, ''),
      )
    ) {
      blockers.push({
        rule: 'split/run',
        line: lineNo(ins),
        message:
          'RUN writes through a redirect or a pipe, whose effect minbase cannot tell; do it in a build stage and COPY the result',
      });
    }
  }
  // Certificates the stage added to the system bundle: the new image's bundle would lack them.
  const ownCa = facts.copies.find((c) =>
    /^\/usr\/local\/share\/ca-certificates|^\/etc\/ssl\/certs|^\/usr\/share\/ca-certificates/.test(c.dest),
  );
  if (ownCa) {
    blockers.push({
      rule: 'ca-certs/own',
      line: lineNo(ownCa.instr),
      message: `the stage adds its own CA certificates (line ${lineNo(ownCa.instr)}) to the system bundle; a minimal image's bundle would not have them. Build the bundle in a build stage and COPY /etc/ssl/certs/ca-certificates.crt from it`,
      fundamental: true,
    });
  }

  // Directories the stage created or handed to the program's user, and volumes.
  const madeDirs = new Set<string>();
  /** `chown USER DIR` without -R: only the directory is the user's, not what is put in it. */
  const dirOnlyChowns: Array<{ path: string; owner: string; line: number; at: number }> = [];
  const chmods: Array<{ path: string; mode: string; line: number; recursive: boolean }> = [];
  for (const st of stageSteps(doc, stage)) {
    const w = commandWords(st);
    const prog = basename(w[0] ?? '');
    const plain = w.slice(1).filter((x) => !x.startsWith('-'));
    const line = st.instr.line + 1;
    if (prog === 'mkdir') {
      for (const d of plain) {
        add(joinPath(st.cwd, d), line);
        madeDirs.add(normalizePath(joinPath(st.cwd, d)));
      }
    }
    if (prog === 'chmod' && plain.length > 1) {
      const recursive = isRecursive(w);
      for (const d of plain.slice(1))
        chmods.push({ path: normalizePath(joinPath(st.cwd, d)), mode: plain[0] as string, line, recursive });
    }
    if (prog === 'chown' && plain.length > 1) {
      const recursive = isRecursive(w);
      for (const d of plain.slice(1)) {
        add(joinPath(st.cwd, d), line, plain[0] as string);
        if (!recursive)
          dirOnlyChowns.push({
            path: normalizePath(joinPath(st.cwd, d)),
            owner: plain[0] as string,
            line,
            at: st.instr.line,
          });
      }
    }
    if (prog === 'chmod' && plain.length > 1) for (const d of plain.slice(1)) add(joinPath(st.cwd, d), line);
    // What cp, mv and install put somewhere is copied from there.
    if ((prog === 'cp' || prog === 'mv' || prog === 'install') && plain.length > 1) {
      const t = w.indexOf('-t');
      const dest = t >= 0 ? w[t + 1] : plain[plain.length - 1];
      if (dest) add(joinPath(st.cwd, dest), line);
    }
  }
  for (const v of config.volumes) add(v, fromLine);
  // A home directory `useradd -m`/`adduser` made belongs to its user: copied with that owner (as the WORKDIR too).
  for (const h of createdHomes(doc, stage)) {
    if (h.home === workdir || copies.some((c) => c.path === h.home || c.path.startsWith(`${h.home}/`)))
      add(h.home, h.line, h.user);
  }
  // Everything the program's created user owned must be owned by the user it becomes, or it could not write there.
  for (const c of copies) {
    if (c.chown !== null) continue;
    const owned = copies.find((o) => o !== c && o.chown !== null && c.path.startsWith(`${o.path}/`));
    if (owned) c.chown = owned.chown;
  }
  // A directory copied with another owner below a copied directory must come after it (the later COPY wins).
  for (let moved = true, guard = 0; moved && guard < 100; guard++) {
    moved = false;
    for (let i = 0; i < copies.length && !moved; i++) {
      const c = copies[i] as { path: string };
      const j = copies.findIndex((o, k) => k > i && c.path.startsWith(`${o.path}/`));
      if (j > i) {
        copies.splice(j + 1, 0, ...copies.splice(i, 1));
        moved = true;
      }
    }
  }

  // File capabilities and attributes live in extended attributes, which COPY --from may not carry over.
  for (const st of stageSteps(doc, stage)) {
    const prog = basename(commandWords(st)[0] ?? '');
    if (prog === 'setcap' || prog === 'chattr' || prog === 'setfattr') {
      blockers.push({
        rule: 'split/xattr',
        line: st.instr.line + 1,
        message: `${prog} sets file attributes (extended attributes) that COPY --from into a new stage may not keep; run the program without them (for a low port, listen above 1024 or use --sysctl net.ipv4.ip_unprivileged_port_start)`,
      });
    }
  }

  // An init wrapper from Debian's packages that the command runs: tini ships a static build (any target),
  // dumb-init links only glibc (the in-place rules refuse it on scratch); Alpine's link musl and stay refused.
  const wrapper = basename(words[0] ?? '');
  let wrapperPkg: string | null = null;
  if ((wrapper === 'tini' || wrapper === 'dumb-init') && !isAlpine(facts.chain[0]?.rootRef ?? null)) {
    const install = facts.instrs.find(
      (i) => i.keyword === 'RUN' && /\bapt(-get)?\b/.test(i.args) && installedPackages(i).includes(wrapper),
    );
    if (install) {
      wrapperPkg = wrapper;
      const dest = (words[0] as string).includes('/') ? joinPath(workdir, words[0] as string) : `/usr/bin/${wrapper}`;
      copies.push({
        path: dest,
        src: wrapper === 'tini' ? '/usr/bin/tini-static' : '/usr/bin/dumb-init',
        chown: null,
        line: lineNo(install),
      });
    }
  }

  // Programs and libraries the stage installed system-wide that no minimal image has.
  const libraries: SplitPlan['libraries'] = [];
  for (const ins of facts.instrs) {
    if (ins.keyword !== 'RUN') continue;
    const installed = installedPackages(ins);
    for (const p of installed) {
      const lib = SHIPPED_LIBS.test(p) ? p : SHIPPED_DEV.test(p) ? runtimeLibraryOf(p) : null;
      if (lib !== null && !BUILD_PACKAGES.test(p)) libraries.push({ name: lib, line: lineNo(ins) });
    }
    // python3 beside make and a C++ compiler is node-gyp's build trio, not a program the app runs.
    const gyp =
      installed.includes('make') && installed.some((p) => p === 'g++' || p === 'build-base' || p === 'build-essential');
    const pkgs = installed.filter(
      (p) =>
        !BUILD_PACKAGES.test(p) &&
        !SHIPPED_LIBS.test(p) &&
        !SHIPPED_DEV.test(p) &&
        p !== wrapperPkg &&
        !(gyp && /^python3?$/.test(p)),
    );
    if (pkgs.length > 0) {
      blockers.push({
        rule: 'split/packages',
        line: lineNo(ins),
        message: `the stage installs ${pkgs.join(', ')}, which the minimal image does not have and cannot install; if the program uses ${pkgs.length > 1 ? 'them' : 'it'} at run time it would fail. Copy the files it needs from a build stage, or keep this image`,
      });
    }
  }
  // A directory a created user owns (it becomes 65532 on the target) inside another tree the new stage copies with
  // its files' old owners: COPY keeps an existing top directory's owner and gives a nested one its source owner
  // (BuildKit's fsutil copy), so no order of the two COPY lines gives it the new uid.
  for (const inner of copies) {
    const who = owner(inner.chown);
    if (who === null || !facts.createdUsers.has(who)) continue;
    const outer = copies.find(
      (o) => inner.path.startsWith(`${o.path === '/' ? '' : o.path}/`) && owner(o.chown) !== who,
    );
    if (!outer) continue;
    blockers.push({
      rule: 'split/owner',
      line: inner.line,
      message: `${inner.path} belongs to ${who}, a user this stage creates (it becomes uid 65532 on a minimal image), and lies inside ${outer.path}, which the new stage copies with its files' old owners: COPY cannot give a directory inside another copy a new owner. Keep the data directory outside the app's tree (e.g. /data), or create the user with the uid 65532`,
    });
  }
  // A working directory made under USER U is U's, but the COPY of it makes the top directory as root unless it has
  // --chown (fsutil creates the destination of a directory's contents with the --chown owner). When everything in
  // it is U's too (COPY --chown=U, RUN as U), --chown=U reproduces the tree exactly; otherwise no COPY can.
  const madeAs = workdirMadeAs(stage, facts);
  const wdCopy = copies.find((c) => c.path === workdir);
  // Made under a USER line: the new stage does as the old one did, USER then WORKDIR (which makes the directory that
  // user's on the same builder), then the copies into it, which keep their files' owners.
  const mirrorUser = madeAs !== null && madeAs.userInstr !== null && wdCopy !== undefined && wdCopy.chown === null;
  if (madeAs !== null && wdCopy && wdCopy.chown === null && !mirrorUser) {
    const other = facts.copies.find(
      (c) =>
        c.instr.line > madeAs.line &&
        (c.dest === workdir || c.dest.startsWith(`${workdir}/`)) &&
        owner(chownSpec(c.instr) ?? '0') !== owner(madeAs.user),
    );
    const switched = facts.instrs.find(
      (i) => i.line > madeAs.line && i.keyword === 'USER' && owner(i.args.trim()) !== owner(madeAs.user),
    );
    if (other || switched) {
      const why = other
        ? `line ${lineNo(other.instr)} copies files into it owned by ${owner(chownSpec(other.instr) ?? 'root')}`
        : `line ${lineNo(switched as Instr)} switches to another user`;
      blockers.push({
        rule: 'split/owner',
        line: madeAs.line + 1,
        message: `the working directory ${workdir} is made as ${madeAs.user} (USER before WORKDIR), and ${why}: a COPY cannot make the directory ${owner(madeAs.user)}'s without re-owning those files. Give the COPY lines --chown=${madeAs.user}, or make the directory with a RUN mkdir and chown`,
      });
    } else {
      wdCopy.chown = madeAs.user;
      wdCopy.line = madeAs.line + 1;
    }
  }
  // `chown node /srv/app` gives only the directory to node; a COPY --chown of it would give node every file in it
  // too (the app's code). Files the stage put there with other owners, or any RUN working there, make it refuse.
  for (const d of dirOnlyChowns) {
    const c = copies.find((x) => x.path === d.path && x.chown !== null);
    if (!c) continue;
    const who = owner(d.owner);
    const other = facts.copies.find(
      (x) =>
        x.instr.line > d.at &&
        (x.dest === d.path || x.dest.startsWith(`${d.path}/`)) &&
        owner(chownSpec(x.instr) ?? 'root') !== who,
    );
    const runs = steps.find((st) => st.instr.line > d.at && (st.cwd === d.path || st.cwd.startsWith(`${d.path}/`)));
    if (!other && !runs) continue;
    const why = other
      ? `line ${lineNo(other.instr)} puts files in it owned by ${owner(chownSpec(other.instr) ?? 'root')}`
      : `line ${(runs as { instr: Instr }).instr.line + 1} writes there as root`;
    blockers.push({
      rule: 'split/owner',
      line: d.line,
      message: `chown ${d.owner} ${d.path} gives ${who} the directory only, and ${why}: the COPY that carries it into a new stage would give ${who} every file in it (--chown sets the owner of all it copies). Use chown -R if the user should own them, or keep this image`,
    });
  }
  // COPY gives the directory it creates for a copied directory mode 0755 (its files keep theirs): a directory the
  // stage opened to other users (chmod 777, 1777, g+w) would come out closed to them.
  const dirs = new Set([...madeDirs, ...config.volumes.map(normalizePath), workdir]);
  for (const m of chmods) {
    if (!copies.some((c) => c.path === m.path) || !(dirs.has(m.path) || m.recursive)) continue;
    if (!opensDirectory(m.mode)) continue;
    blockers.push({
      rule: 'split/mode',
      line: m.line,
      message: `chmod ${m.mode} ${m.path} opens the directory to other users or sets a special bit, and the COPY that carries it into a new stage makes the directory itself 0755 (only what is inside keeps its mode): a program writing there as another user would fail. Give the directory to the program's user with chown instead, or keep this image`,
    });
  }
  if (blockers.length > 0) return { ok: false, blockers };

  // The new stage: FROM the old base (the in-place rules move it), the copies, then what configures the container.
  const taken = new Set(doc.stages.map((s) => s.name?.toLowerCase()).filter(Boolean));
  let name = stage.name ?? 'build';
  for (let n = 2; !stage.name && taken.has(name); n++) name = `build-${n}`;
  const eol = doc.eol;
  const lineMap = new Map<number, number>();
  const lines: Array<{ text: string; from: number }> = [];
  // The new stage starts from the image at the root of the old stage's alias chain, not from a parent stage.
  const root = facts.chain[0] as Stage;
  const fromText = doc.text.slice(root.from.instr.start, root.from.instr.end);
  const fromWords = root.from.image ? `FROM ${doc.text.slice(root.from.image.start, root.from.image.end)}` : fromText;
  const platform = root.from.flags.find((f) => f.value.toLowerCase().startsWith('--platform='));
  lines.push({ text: platform ? `FROM ${platform.value} ${fromWords.slice(5)}` : fromWords, from: fromLine });
  const carried = facts.instrs.filter((i) => ['ARG'].includes(i.keyword));
  for (const i of carried) lines.push({ text: instrText(doc, i), from: lineNo(i) });
  // WORKDIR makes its directory as root (or the image's user); COPY does not change the owner of a directory that
  // exists. When the old stage's working directory belongs to a user (COPY --chown, chown, made under USER), the
  // COPY of it comes first and creates it with that owner; WORKDIR follows.
  const ownedWorkdir = wdCopy !== undefined && wdCopy.chown !== null;
  if (mirrorUser && madeAs?.userInstr) {
    lines.push({ text: instrText(doc, madeAs.userInstr), from: lineNo(madeAs.userInstr) });
    lines.push({ text: `WORKDIR ${workdir}`, from: madeAs.line + 1 });
  } else if (workdir !== '/' && !ownedWorkdir) lines.push({ text: `WORKDIR ${workdir}`, from: fromLine });
  for (const c of copies) {
    lines.push({
      text: `COPY --from=${name}${c.chown ? ` --chown=${c.chown}` : ''} ${c.src ?? c.path} ${c.path}`,
      from: c.line,
    });
  }
  if (workdir !== '/' && ownedWorkdir) lines.push({ text: `WORKDIR ${workdir}`, from: fromLine });
  const droppedEnv: string[] = [];
  const lastOf = (k: string) => [...facts.instrs].reverse().find((i) => i.keyword === k);
  const ep = facts.entrypoint?.instr ?? null;
  const cmd = facts.cmd?.instr ?? null;
  for (const i of facts.instrs) {
    switch (i.keyword) {
      case 'ENV': {
        const pairs = parseAssignments(i.args);
        const kept = pairs.filter(([k]) => !BUILD_ONLY_ENV.test(k));
        for (const [k] of pairs) if (BUILD_ONLY_ENV.test(k)) droppedEnv.push(k);
        if (kept.length === pairs.length) lines.push({ text: instrText(doc, i), from: lineNo(i) });
        else if (kept.length > 0)
          lines.push({ text: `ENV ${kept.map(([k, v]) => `${k}=${quote(v ?? '')}`).join(' ')}`, from: lineNo(i) });
        break;
      }
      case 'USER':
        // Already written before the WORKDIR it made.
        if (mirrorUser && i === madeAs?.userInstr) break;
        lines.push({ text: instrText(doc, i), from: lineNo(i) });
        break;
      case 'LABEL':
      case 'EXPOSE':
      case 'VOLUME':
      case 'STOPSIGNAL':
        lines.push({ text: instrText(doc, i), from: lineNo(i) });
        break;
      case 'HEALTHCHECK':
        if (i === lastOf('HEALTHCHECK')) lines.push({ text: instrText(doc, i), from: lineNo(i) });
        break;
    }
  }
  if (ep) lines.push({ text: instrText(doc, ep), from: lineNo(ep) });
  if (cmd) lines.push({ text: instrText(doc, cmd), from: lineNo(cmd) });

  // Assemble: the old text with `AS name`, a blank line, the new stage.
  let head = doc.text;
  if (!stage.name) {
    const at = stage.from.instr.end;
    head = `${head.slice(0, at)} AS ${name}${head.slice(at)}`;
  }
  const endsWithEol = /\r?\n$/.test(head);
  const prefix = endsWithEol ? head : head + eol;
  const appendedAt = prefix.length + eol.length;
  let text = `${prefix}${eol}`;
  let lineIndex = text.split('\n').length - 1;
  for (const [k, l] of lines.entries()) {
    for (let n = l.text.split('\n').length; n > 0; n--) lineMap.set(lineIndex++, l.from);
    text += l.text + (k < lines.length - 1 || endsWithEol ? eol : '');
  }
  return {
    ok: true,
    plan: {
      text,
      name,
      appendedAt,
      lineMap,
      droppedEnv: [...new Set(droppedEnv)],
      copied: copies.map((c) => c.path),
      skipped: skipped.filter((d) => !copies.some((c) => c.path === d)),
      libraries,
      owned: copies.flatMap((c) => (c.chown ? [{ path: c.path, chown: c.chown, line: c.line }] : [])),
    },
  };
}

/**
 * The user (as USER wrote it) that the stage's last WORKDIR ran as, when not root: WORKDIR makes a new directory
 * that user's. Null when root made it.
 */
export function workdirMadeAs(
  stage: Stage,
  facts: StageFacts,
): { user: string; line: number; userInstr: Instr | null } | null {
  let user = imageDefaults(chainOf(stage)[0]?.rootRef ?? null).user;
  let userInstr: Instr | null = null;
  let made: { user: string; line: number; userInstr: Instr | null } | null = null;
  for (const i of facts.instrs) {
    if (i.keyword === 'USER') {
      user = i.args.trim();
      userInstr = i;
    }
    if (i.keyword === 'WORKDIR') {
      const name = user.split(':')[0] ?? '';
      made = name === '0' || name === 'root' || name === '' ? null : { user, line: i.line, userInstr };
    }
  }
  return made;
}

/** `chmod -R` / `chown --recursive`. */
function isRecursive(words: string[]): boolean {
  return words.slice(1).some((x) => /^-\w*R/.test(x) || x === '--recursive');
}

/** Whether a chmod mode gives group or others write access, or sets setuid, setgid or sticky (not kept by COPY). */
function opensDirectory(mode: string): boolean {
  if (/^[0-7]{3,4}$/.test(mode)) return (Number.parseInt(mode, 8) & 0o7022) !== 0;
  // Symbolic: each clause `[ugoa]*[+=][rwxXst]*`; a removal never opens anything.
  return mode.split(',').some((clause) => {
    const m = /^([ugoa]*)([-+=])([rwxXst]*)$/.exec(clause);
    if (!m) return true;
    if (m[2] === '-') return false;
    const who = m[1] || 'a';
    const perms = m[3] as string;
    if (/[st]/.test(perms)) return true;
    return perms.includes('w') && /[goa]/.test(who);
  });
}

/** The runtime library a -dev package of SHIPPED_DEV stands for (`libssl-dev` → `libssl3`), null for headers only. */
function runtimeLibraryOf(dev: string): string | null {
  const name = dev.replace(/:\w+$/, '');
  if (name === 'libssl-dev') return 'libssl3';
  if (name === 'zlib1g-dev') return 'zlib1g';
  if (name === 'libzstd-dev') return 'libzstd1';
  if (/^libgcc-[\d.]+-dev$/.test(name)) return 'libgcc-s1';
  if (/^libstdc\+\+-[\d.]+-dev$/.test(name)) return 'libstdc++6';
  if (name === 'libc6-dev' || name === 'libc-dev' || name === 'libcrypt-dev') return 'libc6';
  return null;
}

/** libssl3 and libssl3t64 are one library (Debian 12 and 13 names), libgcc1 the old name of libgcc-s1. */
const SAME_LIBRARY: Record<string, string[]> = {
  libssl3: ['libssl3', 'libssl3t64'],
  libssl3t64: ['libssl3', 'libssl3t64'],
  'libgcc-s1': ['libgcc-s1', 'libgcc1'],
};

/**
 * What the new stage relies on that the chosen target does not give: a directory the target already has with
 * another owner, libraries the old stage installed that the target does not ship (Chainguard's glibc-dynamic has no
 * OpenSSL, distroless static no libc). One blocker per directory or line.
 */
export function targetConflicts(plan: SplitPlan, target: TargetImage | null): Blocker[] {
  if (target === null) return [];
  // A directory the program's user must own that the target image already has (DHI node's /app, root's): COPY
  // keeps an existing directory's owner, so it would stay the image's.
  const taken: Blocker[] = [];
  for (const o of plan.owned) {
    const has = target.dirs?.[o.path];
    const who = o.chown.split(':')[0] ?? '';
    if (has === undefined || who === has || (has === '0' && who === 'root')) continue;
    taken.push({
      rule: 'split/owner',
      line: o.line,
      message: `${o.path} belongs to ${who} in the old stage, and ${target.ref} already has ${o.path} (owned by uid ${has}): COPY and WORKDIR never re-own a directory that exists, so the program could not write there. Use another directory for the app (WORKDIR /home/node/app), or keep this image`,
    });
  }
  if (taken.length > 0) return taken;
  const ships = new Set(target.ships);
  const missing = new Map<number, string[]>();
  for (const lib of plan.libraries) {
    if ((SAME_LIBRARY[lib.name] ?? [lib.name]).some((n) => ships.has(n))) continue;
    const names = missing.get(lib.line) ?? [];
    if (!names.includes(lib.name)) names.push(lib.name);
    missing.set(lib.line, names);
  }
  return [...missing].map(([line, names]) => ({
    rule: 'split/packages',
    line,
    message: `the stage installs ${names.join(', ')}, which ${target.ref} does not have; the new stage copies only what the program is, so a program that links ${names.length > 1 ? 'them' : 'it'} would not start. Copy the library files from a build stage, or choose a target that ships ${names.length > 1 ? 'them' : 'it'}`,
  }));
}

function parentOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

/** The instruction's text as written (continuation lines included). */
function instrText(doc: DockerDocument, i: Instr): string {
  return doc.text.slice(i.start, i.end);
}

function quote(v: string): string {
  return /^[\w./:@%+,-]*$/.test(v) && v !== '' ? v : `"${v.replace(/(["\\])/g, '\\$1')}"`;
}

/** Where the stage's build put the Go or Rust binary the command runs. */
function programPath(doc: DockerDocument, stage: Stage, word: string, workdir: string): string | null {
  if (word === '') return null;
  if (word.includes('/')) return joinPath(workdir, word);
  // A bare name the stage copies onto PATH (COPY --from=build /out/app /usr/local/bin/app).
  const copied = resolveProgram(stageFacts(doc, stage), word);
  if (copied) return copied.path;
  for (const { tool, step } of buildSteps(doc, stage).reverse()) {
    const w = commandWords(step);
    const o = w.indexOf('-o');
    const out = o >= 0 ? w[o + 1] : w.find((x) => x.startsWith('-o='))?.slice(3);
    if (tool === 'go' && out && basename(out) === word) return joinPath(step.cwd, out);
    if (tool === 'go' && w[1] === 'install') {
      const bin = step.env.get('GOBIN') ?? `${step.env.get('GOPATH') ?? '/go'}/bin`;
      return `${normalizePath(bin)}/${word}`;
    }
    if (tool === 'cargo' && w.includes('install')) {
      const root = w[w.indexOf('--root') + 1];
      return `${w.includes('--root') && root ? joinPath(step.cwd, root) : (step.env.get('CARGO_HOME') ?? '/usr/local/cargo')}/bin/${word}`;
    }
  }
  return null;
}

/** pip installs into the image's own site-packages (no venv): `/usr/local/lib/python3.X/site-packages`. */
function systemSite(
  doc: DockerDocument,
  stage: Stage,
  facts: StageFacts,
): { path: string; line: number } | { refuse: string; line: number } | null {
  const ref = facts.chain[0]?.rootRef ?? null;
  const v = ref ? pythonVersion(ref) : null;
  if (!v || !('value' in v)) return null;
  // The USER a step runs as, for `pip install --user` (~/.local is that user's).
  const homes = Object.fromEntries(createdHomes(doc, stage).map((h) => [h.user, h.home]));
  for (const st of stageSteps(doc, stage)) {
    const w = commandWords(st);
    const prog = basename(w[0] ?? '');
    const line = st.instr.line + 1;
    let system = false;
    if (/^pip[\d.]*$/.test(prog) && w[1] === 'install')
      system = !(w[0] ?? '').includes('/bin/pip') || (w[0] ?? '').startsWith('/usr/');
    else if (/^python[\d.]*$/.test(prog) && w[1] === '-m' && w[2] === 'pip' && w[3] === 'install')
      system = !(w[0] ?? '').includes('/') || (w[0] ?? '').startsWith('/usr/');
    else if (
      prog === 'uv' &&
      w[1] === 'pip' &&
      w[2] === 'install' &&
      (w.includes('--system') || st.env.has('UV_SYSTEM_PYTHON'))
    )
      system = true;
    else if (
      prog === 'poetry' &&
      w[1] === 'install' &&
      /^(false|0)$/i.test(st.env.get('POETRY_VIRTUALENVS_CREATE') ?? '')
    )
      system = true;
    if (!system) continue;
    if (ref?.registry === 'dhi.io' || ref?.registry.endsWith('.dhi.io')) {
      return {
        refuse: `installs Python packages into the image's own Python, whose site-packages minbase does not know for ${ref.raw}`,
        line,
      };
    }
    if (w.includes('--user')) {
      const user = userAt(stage, st.instr);
      if (user === null || user === 'root' || user === '0') return { path: '/root/.local', line };
      const home = homes[user.split(':')[0] ?? ''];
      if (!home) return { refuse: `runs pip install --user as ${user}, whose home minbase cannot tell`, line };
      return { path: `${home}/.local`, line };
    }
    return { path: `/usr/local/lib/python${v.value}/site-packages`, line };
  }
  return null;
}

/** The USER in force for an instruction of the stage (null: the image's, root for the images minbase splits). */
function userAt(stage: Stage, ins: Instr): string | null {
  let user: string | null = null;
  for (const s of chainOf(stage))
    for (const i of s.body) {
      if (i.line >= ins.line && s === stage) return user;
      if (i.keyword === 'USER') user = i.args.trim();
    }
  return user;
}

/** Package names an `apt-get install` / `apk add` of a RUN installs. */
function installedPackages(ins: Instr): string[] {
  const out: string[] = [];
  const tokens = tokenize(ins.args) ?? [];
  let cmd: string[] = [];
  const flush = () => {
    const prog = basename(cmd[0] ?? '');
    if (
      prog === 'apk' ||
      prog === 'apt-get' ||
      prog === 'apt' ||
      prog === 'yum' ||
      prog === 'dnf' ||
      prog === 'microdnf'
    ) {
      const args: string[] = [];
      for (let i = 1; i < cmd.length; i++) {
        const a = cmd[i] as string;
        if (['-t', '--virtual', '-X', '--repository', '-o'].includes(a)) i++;
        else if (!a.startsWith('-')) args.push(a);
      }
      if (args[0] === 'add' || args[0] === 'install') out.push(...args.slice(1).map((p) => p.replace(/[=<>~].*$/, '')));
    }
    cmd = [];
  };
  for (const t of tokens) {
    if (t.type === 'op') flush();
    else cmd.push(t.value);
  }
  flush();
  // `apk add --virtual .build-deps gcc ... && apk del .build-deps`: those are removed again.
  const deleted = new Set<string>();
  for (const m of ins.args.matchAll(/\b(?:apk\s+del|apt-get\s+(?:purge|remove|autoremove))\s+([^;&|]+)/g)) {
    for (const w of (m[1] as string).split(/\s+/)) deleted.add(w);
  }
  return out.filter((p) => !deleted.has(p) && !p.startsWith('.') && !p.startsWith('$'));
}

/** The owner a COPY gives what it copies (`--chown=app`), when that owner is a user the stage created. */
function chownOf(ins: Instr, facts: StageFacts): string | null {
  const spec = chownSpec(ins);
  return spec !== null && facts.createdUsers.has(spec.split(':')[0] ?? '') ? spec : null;
}

/** The owner a COPY's `--chown` names, as written (`app:app`), or null. */
function chownSpec(ins: Instr): string | null {
  const flag = flagsOf(ins).flags.get('chown');
  return flag ? flag.value.slice(flag.value.indexOf('=') + 1) : null;
}

/** One `useradd` / `adduser` command of a stage: the user it creates, its words, and a reader of its flags. */
interface UserAdd {
  st: ReturnType<typeof stageSteps>[number];
  w: string[];
  prog: string;
  user: string;
  flag: (...names: string[]) => string | null;
}

/**
 * The stage's `useradd` / `adduser` commands, read once per stage (kept in Stage.memo: the user rule, the split
 * and its homes ask for them several times); callers only read them.
 */
function userAdds(doc: DockerDocument, stage: Stage): readonly UserAdd[] {
  const known = stage.memo.userAdds as UserAdd[] | undefined;
  if (known !== undefined) return known;
  const out: UserAdd[] = [];
  for (const st of stageSteps(doc, stage)) {
    const w = commandWords(st);
    const prog = basename(w[0] ?? '');
    if (prog !== 'useradd' && prog !== 'adduser') continue;
    const user = usersCreatedBy(w.join(' ')).pop();
    if (!user) continue;
    const flag = (...names: string[]): string | null => {
      for (let i = 1; i < w.length; i++) if (names.includes(w[i] as string)) return w[i + 1] ?? null;
      return null;
    };
    out.push({ st, w, prog, user, flag });
  }
  stage.memo.userAdds = out;
  return out;
}

/** Homes of users a split's old stage created, for the new stage that stands in for it. */
export const inheritedHomes = new WeakMap<Stage, Array<{ user: string; home: string; line: number }>>();

export function createdHomes(
  doc: DockerDocument,
  stage: Stage,
  inherited = true,
): Array<{ user: string; home: string; line: number }> {
  const out: Array<{ user: string; home: string; line: number }> = inherited
    ? [...(inheritedHomes.get(stage) ?? [])]
    : [];
  for (const { st, w, prog, user, flag } of userAdds(doc, stage)) {
    let home: string | null = null;
    if (prog === 'useradd') {
      if (w.includes('-m') || w.includes('--create-home')) home = flag('-d', '--home-dir', '--home') ?? `/home/${user}`;
    } else if (!w.includes('-H') && !w.includes('--no-create-home')) {
      // busybox adduser makes the home unless -H; Debian's adduser --system makes none unless --home names it.
      home = flag('-h', '--home') ?? (w.includes('--system') ? null : `/home/${user}`);
    }
    if (home && home !== '/nonexistent') out.push({ user, home: joinPath(st.cwd, home), line: st.instr.line + 1 });
  }
  return out;
}

/**
 * Why a command of the old stage has an effect the split cannot carry, or null when it is one the copies carry
 * (installs into copied trees, builds, directories, users) or that served only the build.
 */
function unknownEffect(words: string[]): string | null {
  const prog = basename(words[0] ?? '');
  const sub = words.slice(1).find((w) => !w.startsWith('-')) ?? '';
  if (words.length === 0) return null;
  if (KNOWN_COMMANDS.has(prog)) return null;
  const known = KNOWN_SUBCOMMANDS[prog];
  if (known && (known.includes(sub) || known.includes('*'))) return null;
  if (/^python[\d.]*$/.test(prog)) {
    const m = words[1] === '-m' ? words[2] : undefined;
    if (m === 'pip' || m === 'venv' || m === 'compileall' || m === 'virtualenv' || m === 'ensurepip') return null;
    return `runs ${words.slice(0, 3).join(' ')}`;
  }
  return `runs ${prog}`;
}

/** Commands whose effect is inside what the split copies, or nothing the program sees. */
const KNOWN_COMMANDS = new Set([
  'true',
  ':',
  'set',
  'echo',
  'cd',
  'export',
  'unset',
  'rm',
  'mkdir',
  'chown',
  'chmod',
  'chgrp',
  'ls',
  'test',
  '[',
  'adduser',
  'useradd',
  'addgroup',
  'groupadd',
  'usermod',
  'apk',
  'apt-get',
  'apt',
  'go',
  'xx-go',
  'cargo',
  'xx-cargo',
  'rustup',
  'mvn',
  'mvnw',
  'gradle',
  'gradlew',
  'javac',
  'jlink',
  'jdeps',
  'jar',
  'strip',
  'upx',
  'pip',
  'pip3',
  'virtualenv',
  'corepack',
  'mv',
  'cp',
  'install',
  'sleep',
  'env',
]);
/** Tools whose listed subcommands only install into or build the copied trees. */
const KNOWN_SUBCOMMANDS: Record<string, string[]> = {
  npm: ['ci', 'install', 'i', 'run', 'run-script', 'prune', 'cache', 'config', 'rebuild', 'set', 'pkg'],
  yarn: ['install', 'build', 'run', 'cache', 'config', 'workspaces', 'set', 'plugin', ''],
  pnpm: ['install', 'i', 'run', 'build', 'fetch', 'prune', 'store', 'config', 'deploy'],
  uv: ['sync', 'pip', 'venv', 'build', 'cache'],
  poetry: ['install', 'config', 'build'],
  pipenv: ['install', 'sync'],
};

/**
 * The home directories /etc/passwd gives the users the stage creates (created on disk or not: `useradd -r -d DIR`
 * writes DIR into passwd without making it), by name and by uid.
 */
export const inheritedPasswd = new WeakMap<Stage, Record<string, string>>();

export function passwdHomes(doc: DockerDocument, stage: Stage): Record<string, string> {
  const out: Record<string, string> = { ...(inheritedPasswd.get(stage) ?? {}) };
  for (const { st, w, prog, user, flag } of userAdds(doc, stage)) {
    const debianSystem = prog === 'adduser' && w.includes('--system');
    const home = flag('-d', '--home-dir', '--home', '-h') ?? (debianSystem ? '/nonexistent' : `/home/${user}`);
    out[user] = joinPath(st.cwd, home);
    const uid = flag('-u', '--uid');
    if (uid && /^\d+$/.test(uid)) out[uid] = out[user] as string;
  }
  return out;
}
