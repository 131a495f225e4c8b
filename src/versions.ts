/** Runtime versions read from image tags (RULES §3): `node:22-alpine` → 22, `maven:3.9-eclipse-temurin-21` → 21. */
import type { ImageRef } from './imageref.js';

export type Version = { value: string } | { unknown: string } | null;

const NODE_CODENAMES: Record<string, string> = {
  argon: '4',
  boron: '6',
  carbon: '8',
  dubnium: '10',
  erbium: '12',
  fermium: '14',
  gallium: '16',
  hydrogen: '18',
  iron: '20',
  jod: '22',
  krypton: '24',
};

/** Node major from a `node` image tag. null: not a node image. */
export function nodeVersion(ref: ImageRef): Version {
  if (ref.name !== 'node') return null;
  const tag = (ref.tag ?? 'latest').toLowerCase();
  const major = /^v?(\d+)(?:[.-]|$)/.exec(tag)?.[1];
  if (major) return { value: major };
  const code = /^([a-z]+)/.exec(tag)?.[1];
  if (code && NODE_CODENAMES[code]) return { value: NODE_CODENAMES[code] as string };
  return { unknown: `the tag ${ref.tag ?? '(none, i.e. latest)'} does not pin a Node major` };
}

/** Python minor from a `python` image tag. */
export function pythonVersion(ref: ImageRef): Version {
  const tag = (ref.tag ?? 'latest').toLowerCase();
  // Astral's uv images name the Python they carry: ghcr.io/astral-sh/uv:python3.12-bookworm-slim.
  if (ref.name === 'uv') {
    const m = /python(\d+)\.(\d+)/.exec(tag);
    return m ? { value: `${m[1]}.${m[2]}` } : null;
  }
  if (ref.name !== 'python') return null;
  const m = /^(\d+)\.(\d+)/.exec(tag);
  if (m) return { value: `${m[1]}.${m[2]}` };
  return { unknown: `the tag ${ref.tag ?? '(none, i.e. latest)'} does not pin a Python minor version` };
}

const JAVA_IMAGES = new Set([
  'eclipse-temurin',
  'openjdk',
  'amazoncorretto',
  'sapmachine',
  'ibm-semeru-runtimes',
  'ibmjava',
  'java',
]);
/** Other JDK/JRE image names: azul/zulu-openjdk-alpine, bellsoft/liberica-openjre-debian, ubi9/openjdk-21-runtime. */
export const JAVA_NAME =
  /^(?:zulu-openjdk|liberica-open(?:jdk|jre)|openjdk-\d+|graalvm-(?:ce|community|jdk)|microsoft-openjdk|temurin)/;

/** Java major from a JDK/JRE or build-tool image tag. */
export function javaVersion(ref: ImageRef): Version {
  const tag = (ref.tag ?? 'latest').toLowerCase();
  const inName = /^openjdk-(\d+)/.exec(ref.name)?.[1];
  if (inName) return { value: inName };
  if (JAVA_IMAGES.has(ref.name) || JAVA_NAME.test(ref.name)) {
    const m = /^(?:open-)?(\d+)(?:[.u_-]|$)/.exec(tag) ?? /(?:^|-)(?:jdk|jre)-?(\d+)/.exec(tag);
    if (m) return { value: m[1] === '1' ? '8' : (m[1] as string) };
    return { unknown: `the tag ${ref.tag ?? '(none, i.e. latest)'} does not pin a Java major` };
  }
  if (ref.name === 'maven' || ref.name === 'gradle') {
    const m = /(?:temurin|openjdk|jdk|jre|corretto|sapmachine|semeru|graalvm|zulu|liberica|microsoft)-?(\d+)/.exec(tag);
    if (m) return { value: m[1] as string };
    return { unknown: `${ref.name}:${ref.tag ?? 'latest'} does not name its JDK version` };
  }
  return null;
}

export function isAlpine(ref: ImageRef | null): boolean {
  return ref !== null && (ref.name === 'alpine' || (ref.tag ?? '').toLowerCase().includes('alpine'));
}
