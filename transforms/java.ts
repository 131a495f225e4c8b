/**
 * java: a Java app. The Java major (runtime stage's JRE/JDK image, else the build stage's) picks
 * gcr.io/distroless/java{17,21,25}-debian13, whose entrypoint is `/usr/bin/java -jar`: `java -jar X` becomes
 * CMD ["X"]; JVM flags or -cp need a full ENTRYPOINT with /usr/bin/java. Java 8, 11 and others are refused.
 */
import { findVersion, imageFor } from '../src/interpreted.js';
import type { CommandPlan, PlanOutcome, RuntimeModule } from '../src/runtime.js';
import { glibcCheck } from '../src/runtime.js';
import { basename } from '../src/shell.js';
import { javaVersion } from '../src/versions.js';

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
    // eclipse-temurin's /__cacert_entrypoint.sh imports /certificates into the JVM truststore when asked to.
    const cacerts = input.facts.instrs.find(
      (i) => (i.keyword === 'ENV' || i.keyword === 'ARG') && /\bUSE_SYSTEM_CA_CERTS\b/.test(i.args),
    );
    if (cacerts && input.stage.rootRef?.name === 'eclipse-temurin') {
      return {
        ok: false,
        rule: 'java/cacerts',
        line: cacerts.line + 1,
        message: `USE_SYSTEM_CA_CERTS (line ${cacerts.line + 1}) makes eclipse-temurin's /__cacert_entrypoint.sh add the certificates in /certificates to the JVM truststore; distroless java has no such entrypoint. Build the truststore in a build stage (keytool -importcert) and COPY it to /etc/ssl/certs/java/cacerts`,
      };
    }
    return (
      glibcCheck(src.ref, src.line, 'java/version') ??
      imageFor(
        'java',
        src,
        'java/version',
        'Upgrade to Java 17, 21 or 25, or jlink a runtime in the build stage and run it on gcr.io/distroless/java-base-debian13',
      )
    );
  },
  translate(_ctx, words): CommandPlan {
    const prog = basename(words[0] ?? '');
    if (prog !== 'java') {
      return {
        kind: 'block',
        message: `runs ${words[0]}, not java; distroless java runs only the JVM (no shell, no launcher scripts)`,
      };
    }
    const rest = words.slice(1);
    if (rest[0] === '-jar' && rest[1] !== undefined) {
      return {
        kind: 'args',
        words: rest.slice(1),
        why: 'the image runs /usr/bin/java -jar itself, so CMD names only the jar and its arguments',
      };
    }
    if (rest.length === 0) return { kind: 'block', message: 'runs java with no class or jar' };
    return {
      kind: 'full',
      words: ['/usr/bin/java', ...rest],
      why: "JVM options or a classpath come before the program, which the image's `java -jar` entrypoint cannot take: a full ENTRYPOINT with /usr/bin/java runs the same words",
    };
  },
};

export default java;
