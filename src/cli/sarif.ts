/**
 * `--format sarif`: one SARIF 2.1.0 log on stdout, for GitHub code scanning and other SARIF viewers. One result per
 * change of a rewritable file and per blocker of a refused one (and one per file that ended in an error), each with
 * its rule id; the rules carry their help text. An outcome that fails the run (--fail-on) is a `warning` (`error`
 * for errors), the others a `note`.
 */
import { pathToFileURL } from 'node:url';
import type { VerifyTotals } from '../verify/format.js';
import type { FailOutcome } from './args.js';
import type { FileReport, Out, Reporter, Summary } from './report.js';
import { blockersOf } from './report-data.js';
import { ERROR_RULE, ruleHelp } from './rules.js';

type Level = 'error' | 'warning' | 'note';

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: Level;
  message: { text: string };
  locations: Array<{
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId: string };
      region: { startLine: number };
    };
  }>;
  properties: Record<string, unknown>;
}

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** Levels by outcome, from --fail-on. */
export function levels(failOn: FailOutcome[]): { rewritten: Level; refused: Level; error: Level } {
  return {
    rewritten: failOn.includes('rewritten') ? 'warning' : 'note',
    refused: failOn.includes('refused') ? 'warning' : 'note',
    error: failOn.includes('error') ? 'error' : 'warning',
  };
}

/** Percent-encodes a relative path for a URI, keeping `/`. */
function uriOf(path: string): string {
  return path
    .split('/')
    .map((p) => encodeURIComponent(p))
    .join('/');
}

export function sarifReporter(stdout: Out, options: { version: string; cwd: string; failOn: FailOutcome[] }): Reporter {
  const level = levels(options.failOn);
  const rules: Array<Record<string, unknown>> = [];
  const ruleIndex = new Map<string, number>();
  const results: SarifResult[] = [];

  const indexOf = (rule: string, lvl: Level): number => {
    let i = ruleIndex.get(rule);
    if (i === undefined) {
      const help = ruleHelp(rule);
      i = rules.length;
      ruleIndex.set(rule, i);
      rules.push({
        id: rule,
        name: help.title.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : '')),
        shortDescription: { text: help.title },
        fullDescription: { text: help.help },
        help: { text: help.help, markdown: `**${help.title}** (\`${rule}\`): ${help.help}` },
        defaultConfiguration: { level: lvl },
      });
    }
    return i;
  };
  const add = (r: FileReport, rule: string, lvl: Level, line: number, text: string, props: Record<string, unknown>) => {
    results.push({
      ruleId: rule,
      ruleIndex: indexOf(rule, lvl),
      level: lvl,
      message: { text },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: uriOf(r.path), uriBaseId: 'SRCROOT' },
            // A finding about the whole file sits on its first line, where code scanning can show it.
            region: { startLine: line > 0 ? line : 1 },
          },
        },
      ],
      properties: { outcome: r.outcome, ...props },
    });
  };

  return {
    file(r) {
      if (r.outcome === 'rewritten') {
        const target = r.target === null ? '' : ` (new base: ${r.target}; 'minbase --write' applies it)`;
        for (const c of r.changes) add(r, c.rule, level.rewritten, c.line, `${c.why}${target}`, { target: r.target });
      } else if (r.outcome === 'refused') {
        for (const b of blockersOf(r)) {
          add(r, b.rule, level.refused, b.line, b.message, { target: r.target, reason: r.reason });
        }
      } else if (r.outcome === 'error') {
        add(r, ERROR_RULE, level.error, 0, r.reason ?? 'error', {});
      }
    },
    end(summary: Summary, verify?: VerifyTotals) {
      const base = pathToFileURL(options.cwd).href;
      const log = {
        $schema: SARIF_SCHEMA,
        version: '2.1.0',
        runs: [
          {
            tool: {
              driver: {
                name: 'minbase',
                version: options.version,
                semanticVersion: /^\d+\.\d+\.\d+/.test(options.version) ? options.version : undefined,
                rules,
              },
            },
            originalUriBaseIds: { SRCROOT: { uri: base.endsWith('/') ? base : `${base}/` } },
            results,
            properties: { summary: verify ? { ...summary, verified: verify.verified } : summary },
          },
        ],
      };
      stdout.write(`${JSON.stringify(log, null, 2)}\n`);
    },
  };
}
