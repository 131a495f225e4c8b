/** What a transform sees, and what it returns. */
import type { CommandInfo, StageFacts } from './analysis.js';
import type { TargetImage } from './catalog.js';
import type { DockerDocument, Instr, Stage } from './document.js';
import type { Edit, RewriteOptions, Runtime } from './types.js';

export interface Plan {
  runtime: Runtime;
  target: TargetImage;
  /** The full new reference, tag included: `gcr.io/distroless/cc-debian13:nonroot`. */
  targetRef: string;
  nonrootTag: boolean;
  /** `--from` value of the COPY that brings the program, as written (null when the app has no build stage). */
  builderRef: string | null;
  builder: Stage | null;
  builderFacts: StageFacts | null;
  /** Absolute path of the program in the runtime stage, when known. */
  program: string | null;
  /** Why this target (rule id and one line), attached to the FROM edit. */
  targetRule: string;
  targetWhy: string;
  targetLine: number;
}

export interface Context {
  doc: DockerDocument;
  stage: Stage;
  facts: StageFacts;
  options: RewriteOptions;
  plan: Plan;
}

/** What an edit changes on purpose in the container's configuration, for the behaviour check (RULES §4). */
export interface Declares {
  /** Environment variables it sets or changes. */
  env?: string[];
  /** A command it translates: the old words (interpreter first) and the new ones. */
  argv?: { from: string[]; to: string[] };
}

export type Finding =
  | { kind: 'edit'; rule: string; line: number; why: string; edits: Edit[]; declares?: Declares }
  | { kind: 'block'; rule: string; line: number; message: string; fundamental?: boolean }
  | { kind: 'note'; rule: string; line: number; message: string };

export interface Transform {
  /** Rule-id prefix: the module's name. */
  id: string;
  /** One line, for the README and --help. */
  summary: string;
  run(ctx: Context): Finding[];
}

/** 1-based line of an instruction. */
export const lineNo = (ins: Instr) => ins.line + 1;

/** The line ending in force at an offset (its own line's, else the file's). */
export function eolAt(doc: DockerDocument, offset: number): string {
  const nl = doc.text.indexOf('\n', offset);
  if (nl >= 0) return nl > 0 && doc.text[nl - 1] === '\r' ? '\r\n' : '\n';
  return doc.eol;
}

/** Leading whitespace of an instruction's first line. */
export function indentOf(doc: DockerDocument, ins: Instr): string {
  const start = doc.lineStarts[ins.line] ?? ins.start;
  return doc.text.slice(start, ins.start);
}

/** Indentation for lines inserted into a stage: that of its first instruction after FROM. */
export function bodyIndent(doc: DockerDocument, stage: Stage): string {
  const first = stage.body[0];
  return first ? indentOf(doc, first) : indentOf(doc, stage.from.instr);
}

/** Removes whole lines of an instruction, line ending included. */
export function removeInstr(doc: DockerDocument, ins: Instr): Edit {
  const start = doc.lineStarts[ins.line] ?? ins.start;
  const next = doc.lineStarts[ins.endLine + 1];
  if (next !== undefined) return { start, end: next, text: '' };
  // Last line of a file without a final newline: take the previous line ending instead.
  let s = start;
  if (s > 0 && doc.text[s - 1] === '\n') s--;
  if (s > 0 && doc.text[s - 1] === '\r') s--;
  return { start: s, end: doc.text.length, text: '' };
}

/** Replaces an instruction's text (keyword to end) with new lines, keeping its indentation and line ending. */
export function replaceInstr(doc: DockerDocument, ins: Instr, lines: string[]): Edit {
  const eol = eolAt(doc, ins.start);
  const indent = indentOf(doc, ins);
  return { start: ins.start, end: ins.end, text: lines.join(eol + indent) };
}

/** Inserts lines after an instruction (on new lines after its own). */
export function insertAfter(doc: DockerDocument, ins: Instr, lines: string[], indent = indentOf(doc, ins)): Edit {
  const eol = eolAt(doc, ins.start);
  const next = doc.lineStarts[ins.endLine + 1];
  if (next !== undefined) return { start: next, end: next, text: lines.map((l) => indent + l + eol).join('') };
  return { start: doc.text.length, end: doc.text.length, text: lines.map((l) => eol + indent + l).join('') };
}

/** JSON array as Dockerfiles write it: `["a", "b"]`. */
export function execForm(words: readonly string[]): string {
  return `[${words.map((w) => JSON.stringify(w)).join(', ')}]`;
}

export type { CommandInfo };
