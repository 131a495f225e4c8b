/**
 * java: a Java app. The Java major (runtime stage's JRE/JDK image, else the build stage's) picks
 * gcr.io/distroless/java{17,21,25}-debian13, whose entrypoint is `/usr/bin/java -jar`: `java -jar X` becomes
 * CMD ["X"]; JVM flags or -cp need a full ENTRYPOINT with /usr/bin/java. Java 8, 11 and others are refused.
 * --family dhi: dhi.io/eclipse-temurin 8-26 on the builder's libc, the command as written (java on PATH);
 * --family chainguard: cgr.dev/chainguard/jre (ENTRYPOINT java alone) for its one version.
 */

import { builderLibc, type Family, JAVA_BASE, runtimeImageOf } from '../src/catalog.js';
import { lineNo } from '../src/context.js';
import { chainOf, parseAssignments } from '../src/document.js';
import type { ImageRef } from '../src/imageref.js';
import { familyImageFor, findVersion, imageFor } from '../src/interpreted.js';
import { resolveProgram, traceProgram } from '../src/provenance.js';
import type { CommandPlan, PlanInput, PlanOutcome, RuntimeModule } from '../src/runtime.js';
import { familyOf, glibcCheck } from '../src/runtime.js';
import { basename } from '../src/shell.js';
import { javaVersion } from '../src/versions.js';

/** The JVM a family's Java images run. */
function jvmOf(family: Family): string {
  return family === 'dhi'
    ? "DHI's eclipse-temurin"
    : family === 'chainguard'
      ? "Chainguard's jre (OpenJDK)"
      : 'distroless java (Temurin)';
}

/**
 * JDK images whose JVM is the vendor's own build (Adoptium, Oracle, Corretto, SapMachine, Semeru), made on an old
 * glibc so that it runs on any newer one: a runtime jlink'd from them needs glibc, not their base's version of it.
 * Their Alpine variants are musl builds.
 */
const VENDOR_JDK = /^(eclipse-temurin|maven|gradle|openjdk|amazoncorretto|sapmachine|ibm-semeru-runtimes)$/;

/**
 * Where the Java runtime the stage runs was made (`jlink --output`, or the stage a runtime is copied from), and
 * whether java-base (Debian 13's glibc 2.41, no JVM) can load it: a runtime made on Alpine links musl.
 */
function madeOn(input: PlanInput, jvm: string, path: string): { ref: ImageRef | null; block?: string } {
  const trace = traceProgram(input.doc, input.facts, jvm);
  const stage = trace?.origin.kind === 'runtime' ? trace.origin.step.stage : (trace?.stage ?? null);
  const ref = stage ? (chainOf(stage)[0]?.rootRef ?? null) : null;
  const where = stage
    ? `stage ${stage.name ?? stage.index} (${ref?.raw ?? 'an unknown image'})`
    : 'a stage minbase cannot trace';
  const libc = builderLibc(ref);
  if (libc?.libc === 'musl')
    return {
      ref,
      block: `the Java runtime ${path} was made in ${where}, on Alpine: it links musl, and java-base is Debian's glibc. Make the runtime with jlink on a glibc JDK (eclipse-temurin:21-jdk), or run on an Alpine image`,
    };
  // A distribution's own JDK (apt's openjdk on debian:bookworm) links that distribution's glibc: checked by version.
  if (libc?.libc === 'glibc') return { ref };
  if (ref && VENDOR_JDK.test(ref.name)) return { ref: null };
  return {
    ref,
    block: `the Java runtime ${path} comes from ${where}, and minbase cannot tell which C library it links (java-base has Debian 13's glibc). Make it with jlink on a JDK image such as eclipse-temurin:21-jdk`,
  };
}

const java: RuntimeModule = {
  runtime: 'java',
  summary: 'Java apps → distroless java17/21/25-debian13; java -jar X becomes CMD ["X"], JVM flags a full ENTRYPOINT',
  plan(input): PlanOutcome {
    const src = findVersion(
      input,
      javaVersion,
      'Java',
      /\b(?:apk|apt-get|apt|yum|dnf|microdnf)\b[^;&|]*\s(?:add|install)\b[^;&|]*\s(?:openjdk|temurin|java|default-jre|default-jdk)/,
    );
    if ('ok' in src) return src;
    const command = input.facts.entrypoint ?? input.facts.cmd;
    const words = command?.words ?? [];
    // A Java runtime the stage copies itself (jlink --output /opt/jre) runs on java-base, which has no JVM of its own.
    const jvm = words[0] ?? '';
    const own = basename(jvm) === 'java' ? resolveProgram(input.facts, jvm) : null;
    const family = familyOf(input.options);
    if (own && family !== 'distroless') {
      return {
        ok: false,
        rule: 'java/jlink',
        line: lineNo(own.copy.instr),
        hint: true,
        message: `the stage runs its own Java runtime ${own.path} (copied on line ${lineNo(own.copy.instr)}), which needs an image with a JVM's libraries and no JVM of its own; ${family === 'dhi' ? 'DHI' : 'Chainguard'} has none (its Java images bring their own JVM)`,
      };
    }
    if (own) {
      const made = madeOn(input, jvm, own.path);
      if (made.block) return { ok: false, rule: 'java/jlink', line: lineNo(own.copy.instr), message: made.block };
      return (
        (made.ref ? glibcCheck(made.ref, lineNo(own.copy.instr), 'java/jlink') : null) ??
        glibcCheck(src.ref, src.line, 'java/version') ?? {
          ok: true,
          target: JAVA_BASE,
          rule: 'java/jlink',
          line: lineNo(own.copy.instr),
          why: `the stage runs its own Java runtime ${own.path} (copied on line ${lineNo(own.copy.instr)}); a javaNN image's /usr/bin/java would not have its modules, so java-base (the JVM's libraries, no JVM) runs it from the same path`,
        }
      );
    }
    // ibm-semeru-runtimes is OpenJ9; the distroless images are HotSpot (Temurin).
    const semeru = [input.stage.rootRef, input.builderFacts?.chain[0]?.rootRef].find(
      (r) => r && (r.name === 'ibm-semeru-runtimes' || /semeru|openj9/.test(r.tag ?? '')),
    );
    if (semeru) {
      const envFlags = input.facts.instrs
        .filter((i) => i.keyword === 'ENV')
        .flatMap((i) => parseAssignments(i.args))
        .filter(([k]) => /^(JAVA_TOOL_OPTIONS|OPENJ9_JAVA_OPTIONS|_JAVA_OPTIONS|JAVA_OPTS)$/.test(k))
        .flatMap(([, v]) => (v ?? '').split(/\s+/));
      const j9 = [...words, ...envFlags].find((w) => /^-X/.test(w) && !/^-X(mx|ms|ss)\d/.test(w));
      if (j9) {
        return {
          ok: false,
          rule: 'java/openj9',
          line: command ? lineNo(command.instr) : src.line,
          message: `${semeru.raw} is OpenJ9, and ${j9.split(/[:=]/)[0]} is an option HotSpot (the JVM of ${jvmOf(family)}) rejects or reads differently: the JVM would not start. Remove it, or keep an OpenJ9 base`,
        };
      }
    }
    // eclipse-temurin's /__cacert_entrypoint.sh imports /certificates into the JVM truststore when asked to.
    const cacerts = input.facts.instrs.find(
      (i) => (i.keyword === 'ENV' || i.keyword === 'ARG') && /\bUSE_SYSTEM_CA_CERTS\b/.test(i.args),
    );
    if (cacerts && input.stage.rootRef?.name === 'eclipse-temurin') {
      return {
        ok: false,
        rule: 'java/cacerts',
        line: cacerts.line + 1,
        message: `USE_SYSTEM_CA_CERTS (line ${cacerts.line + 1}) makes eclipse-temurin's /__cacert_entrypoint.sh add the certificates in /certificates to the JVM truststore; ${family === 'distroless' ? 'distroless java' : 'the new image'} has no such entrypoint. Build the truststore in a build stage (keytool -importcert) and COPY it to /etc/ssl/certs/java/cacerts`,
      };
    }
    const libcRef = input.builderFacts?.chain[0]?.rootRef ?? src.ref;
    const outcome =
      family !== 'distroless'
        ? familyImageFor(input, 'java', src, libcRef, 'java/version')
        : (glibcCheck(src.ref, src.line, 'java/version') ??
          imageFor(
            'java',
            src,
            'java/version',
            'Upgrade to Java 17, 21 or 25, or jlink a runtime in the build stage and run it on gcr.io/distroless/java-base-debian13',
          ));
    if (outcome.ok && semeru) {
      outcome.note = `${semeru.raw} runs the OpenJ9 JVM; ${jvmOf(family)} runs HotSpot: the same Java version, but a different JVM (garbage collector defaults, -X options, diagnostics). Test the app's memory settings on it`;
    }
    return outcome;
  },
  translate(ctx, words): CommandPlan {
    const first = words[0] ?? '';
    const prog = basename(first);
    const target = ctx.plan.target;
    if (prog !== 'java') {
      return {
        kind: 'block',
        message: `runs ${words[0]}, not java; ${target.ref} runs only the JVM (no shell, no launcher scripts)`,
      };
    }
    const rest = words.slice(1);
    if (rest.length === 0) return { kind: 'block', message: 'runs java with no class or jar' };
    // DHI: no ENTRYPOINT, java on PATH; the command keeps its interpreter word (RULES §3).
    if (target.interpreter !== undefined) {
      const keep = first === 'java';
      return {
        kind: 'cmd',
        words: ['java', ...rest],
        why: keep
          ? `${target.ref} sets no ENTRYPOINT and has java on PATH, so the command stays as written`
          : `${target.ref} sets no ENTRYPOINT and has java on PATH (${runtimeImageOf(target)?.binary}); ${first} is the old image's path, so java runs the same arguments`,
      };
    }
    // Chainguard's jre: the ENTRYPOINT is java alone, so every argument goes to CMD.
    const entrypoint = target.entrypoint ?? [];
    if (entrypoint.length === 1) {
      return {
        kind: 'args',
        words: rest,
        why: `the image runs ${entrypoint[0]} itself, so CMD holds the arguments after java`,
      };
    }
    if (rest[0] === '-jar' && rest[1] !== undefined) {
      return {
        kind: 'args',
        words: rest.slice(1),
        why: 'the image runs /usr/bin/java -jar itself, so CMD names only the jar and its arguments',
      };
    }
    return {
      kind: 'full',
      words: ['/usr/bin/java', ...rest],
      why: "JVM options or a classpath come before the program, which the image's `java -jar` entrypoint cannot take: a full ENTRYPOINT with /usr/bin/java runs the same words",
    };
  },
};

export default java;
