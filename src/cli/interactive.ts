import type { Readable, Writable } from 'node:stream';
import type { Verifier } from '../verify/cli.js';
import type { CliOptions } from './args.js';
import type { PlanOptions } from './config.js';
import { type Colors, colorDiff } from './diff.js';
import type { Entry } from './discover.js';
import { GitGuard } from './git.js';
import { apply, blocked, ioReport, plan } from './process.js';
import type { Progress } from './progress.js';
import { changeLines, emptySummary, type Out, type Summary, statusLine, summaryLine } from './report.js';
import { Writer } from './write.js';

/** Exit code after Ctrl-C, as a shell reports a command killed by SIGINT. */
export const INTERRUPTED = 130;

const KEYS = ['y', 'n', 'a', 'q', '?'] as const;
type Key = (typeof KEYS)[number];
/** What the user answered: a key, Esc or Ctrl-D (`quit`, like q), or Ctrl-C (`interrupt`). */
type Answer = Key | 'quit' | 'interrupt';

export const QUESTION = '[y]es, [n]o, [a]ll remaining, [q]uit, [?] help';

export function helpLines(c: Colors): string {
  return [
    `  ${c.bold('y')}  apply this change: write the file now`,
    `  ${c.bold('n')}  leave this file as it is and go on`,
    `  ${c.bold('a')}  apply this change and every later one without asking`,
    `  ${c.bold('q')}  quit: files already applied stay written, this one and the rest are left as they are`,
    `  ${c.bold('?')}  show this help`,
    '  Esc quits like q; Ctrl-C also stops, with exit code 130.',
    '',
  ].join('\n');
}

/** The terminal to ask on. */
export interface Terminal {
  stdin: Readable;
  stdout: Writable;
  color: boolean;
}

interface Tally {
  /** Files actually written count as rewritten; declined ones are not in the summary. */
  summary: Summary;
  applied: number;
  declined: number;
}

/**
 * `minbase -i`: shows each rewrite (diff, then every change with its rule, line and why) and asks whether to write
 * it. Refused files and errors are listed without a question. Returns the exit code: 0, 2 when a file had an error,
 * 130 after Ctrl-C.
 */
export async function runInteractive(
  entries: Entry[],
  options: CliOptions,
  optionsFor: (entry: Entry) => PlanOptions,
  out: Out,
  c: Colors,
  terminal: Terminal,
  progress: Progress,
  env: Record<string, string | undefined>,
  verifier: Verifier | null = null,
): Promise<number> {
  const ask = await asker(terminal);
  const screen = new Screen(out);
  const writer = new Writer();
  const guard = options.force ? null : new GitGuard(env);
  const tally: Tally = { summary: emptySummary(), applied: 0, declined: 0 };
  let all = false;
  let stopped: 'quit' | 'interrupt' | null = null;
  let done = 0;

  try {
    for (const entry of entries) {
      if (ask.interrupted()) stopped = 'interrupt';
      if (stopped) break;
      const planned = await plan(entry, optionsFor(entry));
      let { report } = planned;
      const reason = report.outcome === 'rewritten' ? await blocked(planned, guard) : null;
      // With --verify, a rewrite is built and checked before the question; one that fails is listed as refused.
      if (verifier && reason === null && planned.write)
        report = await verifier.check(planned, entry.abs, optionsFor(entry).stage);
      if (report.outcome !== 'rewritten' || report.diff === null || reason !== null) {
        const shown = reason === null ? report : ioReport(report.path, 'error', reason);
        tally.summary[shown.outcome]++;
        screen.say(statusLine(shown, c, options.verbose));
      } else {
        screen.section(`${colorDiff(report.diff, c)}${changeLines(report)}`);
        let answer: Answer = all ? 'a' : await ask(report.path);
        while (answer === '?') {
          screen.say(helpLines(c));
          answer = await ask(report.path);
        }
        if (answer === 'n' || answer === 'q' || answer === 'quit' || answer === 'interrupt') {
          screen.say(`${c.dim(`Left ${report.path} as it is.`)}\n\n`);
          if (answer !== 'n') {
            stopped = answer === 'interrupt' ? 'interrupt' : 'quit';
            break;
          }
          tally.declined++;
        } else {
          if (answer === 'a') all = true;
          const written = await apply({ report, write: planned.write }, writer);
          tally.summary[written.outcome]++;
          if (written.outcome === 'rewritten') {
            tally.applied++;
            screen.say(`${c.green(`Wrote ${written.path}.`)}\n\n`);
          } else screen.say(statusLine(written, c, true));
        }
      }
      done++;
      progress.update(done);
    }
  } finally {
    ask.close();
    progress.done();
  }

  let line = `${tally.applied} applied, ${tally.declined} declined`;
  const left = entries.length - done;
  if (stopped) line += `, ${left} not reviewed (${stopped === 'quit' ? 'quit' : 'Ctrl-C'})`;
  screen.section(`${summaryLine(tally.summary, verifier?.totals)}\n${line}\n`);
  if (stopped === 'interrupt') return INTERRUPTED;
  return tally.summary.error > 0 ? 2 : 0;
}

/** Prints text, keeping one blank line between a file's diff (or the summary) and what came before it. */
class Screen {
  private spaced = true;

  constructor(private readonly out: Out) {}

  say(text: string): void {
    if (text === '') return;
    this.out.write(text);
    this.spaced = text.endsWith('\n\n');
  }

  /** Starts a new part of the screen. */
  section(text: string): void {
    if (!this.spaced) this.out.write('\n');
    this.say(text);
  }
}

/** The bits of a prompts element this file uses. */
interface PromptElement {
  value: string;
  closed?: boolean;
  abort(): void;
  submit(): unknown;
}

interface Asker {
  (file: string): Promise<Answer>;
  /** Whether Ctrl-C (SIGINT) came while no question was open. */
  interrupted(): boolean;
  close(): void;
}

/**
 * Asks `Apply this change to FILE? [y]es, …` with prompts. One key answers (no Enter needed); Ctrl-C at the
 * question, or SIGINT at any time, answers `interrupt`.
 */
async function asker(terminal: Terminal): Promise<Asker> {
  // kleur (used by prompts) reads its colour switch once, when it is first loaded.
  if (!terminal.color) process.env.NODE_DISABLE_COLORS = '1';
  const { default: prompts } = await import('prompts');

  let current: PromptElement | null = null;
  let sigint = false;
  let ctrlC = false;
  const onSigint = (): void => {
    if (sigint) {
      // A second Ctrl-C while something hangs: stop now (writes are atomic, so no file is half written).
      process.removeListener('SIGINT', onSigint);
      process.kill(process.pid, 'SIGINT');
      return;
    }
    sigint = true;
    if (current && !current.closed) current.abort();
  };
  const onKeypress = (_text: string | undefined, key: { ctrl?: boolean; name?: string } | undefined): void => {
    if (key?.ctrl && key.name === 'c') ctrlC = true;
  };
  process.on('SIGINT', onSigint);
  terminal.stdin.on('keypress', onKeypress);

  const ask = async (file: string): Promise<Answer> => {
    if (sigint) return 'interrupt';
    let chosen: Key | null = null;
    let cancelled = false;
    await prompts(
      {
        type: 'text',
        name: 'answer',
        message: `Apply this change to ${file}? ${QUESTION}`,
        stdin: terminal.stdin,
        stdout: terminal.stdout,
        onRender(this: PromptElement) {
          current = this;
        },
        // The last key typed answers at once, without Enter.
        onState(state: { value: string; aborted: boolean }) {
          const key = state.value.slice(-1).toLowerCase();
          if (chosen !== null || state.aborted || current === null || !isKey(key)) return;
          chosen = key;
          current.value = key;
          void current.submit();
        },
        validate: () => chosen !== null || `Type ${KEYS.slice(0, -1).join(', ')} or ? (help)`,
      },
      {
        onCancel: () => {
          cancelled = true;
        },
      },
    );
    current = null;
    if (sigint || ctrlC) return 'interrupt';
    if (cancelled || chosen === null) return 'quit';
    return chosen;
  };
  return Object.assign(ask, {
    interrupted: () => sigint,
    close: () => {
      process.removeListener('SIGINT', onSigint);
      terminal.stdin.removeListener('keypress', onKeypress);
    },
  });
}

function isKey(key: string): key is Key {
  return (KEYS as readonly string[]).includes(key);
}
