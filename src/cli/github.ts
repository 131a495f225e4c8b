/**
 * `--format github`: GitHub Actions workflow commands on stdout (`::warning file=F,line=N,title=T::message`), which
 * the runner shows as annotations on the pull request's files. One per change of a rewritable file and per blocker
 * of a refused one, one per error; outcomes that fail the run (--fail-on) are warnings (errors for errors), the
 * others notices. The summary line follows as plain text.
 */
import type { FailOutcome } from './args.js';
import { type FileReport, type Out, type Reporter, summaryLine } from './report.js';
import { blockersOf, oneLine } from './report-data.js';

type Command = 'error' | 'warning' | 'notice';

/** Escapes a message as the runner reads it (`%`, CR and LF). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value (also `:` and `,`). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function annotation(command: Command, file: string, line: number, title: string, message: string): string {
  const props = [`file=${escapeProperty(file)}`];
  if (line > 0) props.push(`line=${line}`);
  props.push(`title=${escapeProperty(title)}`);
  return `::${command} ${props.join(',')}::${escapeData(message)}\n`;
}

export function githubReporter(stdout: Out, failOn: FailOutcome[]): Reporter {
  const rewritten: Command = failOn.includes('rewritten') ? 'warning' : 'notice';
  const refused: Command = failOn.includes('refused') ? 'warning' : 'notice';
  const error: Command = failOn.includes('error') ? 'error' : 'warning';
  return {
    file(r: FileReport) {
      let out = '';
      if (r.outcome === 'rewritten') {
        const target = r.target === null ? '' : ` → ${r.target}`;
        for (const c of r.changes) {
          out += annotation(rewritten, r.path, c.line, `minbase ${c.rule}${target}`, c.why);
        }
      } else if (r.outcome === 'refused') {
        for (const b of blockersOf(r)) {
          out += annotation(refused, r.path, b.line, `minbase refused: ${b.rule}`, b.message);
        }
      } else if (r.outcome === 'error') {
        out += annotation(error, r.path, 0, 'minbase error', oneLine(r.reason ?? 'error'));
      }
      if (out !== '') stdout.write(out);
    },
    end(summary, verify) {
      stdout.write(`${summaryLine(summary, verify)}\n`);
    },
  };
}
