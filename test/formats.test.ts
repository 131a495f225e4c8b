/**
 * What CI reads, through the built CLI: --fail-on, --format json (blockers, null targets), --format sarif (validated
 * against the official SARIF 2.1.0 schema, vendored in test/schemas) and --format github (workflow annotations).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseCliArgs, UsageError } from '../src/cli/args.js';
import { annotation, escapeData, escapeProperty } from '../src/cli/github.js';
import {
  files,
  GO,
  GO_ALPINE_CGO,
  inProcess,
  jsonOf,
  MINIMAL,
  minbase,
  ROOT,
  removeTemps,
  tempDir,
  VERSION,
} from './cli-helpers.js';

test.after(removeTemps);

const require = createRequire(import.meta.url);
type Validate = ((data: unknown) => boolean) & { errors?: unknown[] | null };
const Ajv = require('ajv-draft-04') as new (o: object) => { compile(schema: object): Validate };
const addFormats = require('ajv-formats') as (ajv: unknown) => void;
const ajv = new Ajv({ allErrors: true, strict: false, logger: false });
addFormats(ajv);
const validateSarif = ajv.compile(
  JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'schemas', 'sarif-schema-2.1.0.json'), 'utf8')) as object,
);

/** One of each: rewritten (3 changes), refused (3 blockers), unchanged, error (binary). */
function mixed(): string {
  const dir = tempDir('minbase-formats-');
  files(dir, {
    'api/Dockerfile': GO,
    'cgo/Dockerfile': GO_ALPINE_CGO,
    'done/Dockerfile': MINIMAL,
    'bad/Dockerfile': Buffer.from([0, 1, 2, 0xff]),
  });
  return dir;
}

test('--fail-on: --check fails on every outcome by default, or only on the listed ones; without --check only on errors', () => {
  const dir = mixed();
  const run = (...args: string[]) => minbase(args, dir).code;
  assert.is(run('--check', '.'), 2, 'an error exits 2');
  assert.is(run('--check', 'api', 'cgo'), 1);
  assert.is(run('--check', '--fail-on', 'rewritten', 'cgo', 'done'), 0, 'a refused file does not fail');
  assert.is(run('--check', '--fail-on', 'rewritten', 'api', 'cgo'), 1);
  assert.is(run('--check', '--fail-on', 'refused', 'api'), 0);
  assert.is(run('--check', '--fail-on=refused,error', 'cgo'), 1);
  assert.is(run('--check', '--fail-on', 'rewritten', '.'), 1, 'the error is not counted, the rewrite is');
  assert.is(run('--check', '--fail-on', 'refused', 'bad', 'api'), 0, 'errors do not fail unless listed');
  assert.is(run('--check', '--fail-on', 'refused', '--fail-on', 'error', 'bad'), 2, 'repeatable');
  assert.is(run('api', 'cgo'), 0, 'a dry run does not fail on rewrites');
  assert.is(run('bad'), 2, 'a dry run fails on errors');
  assert.is(run('--fail-on', 'refused', 'cgo'), 1, 'given explicitly, it applies to a dry run too');
  const bad = minbase(['--check', '--fail-on', 'rewritten,nope', '.'], dir);
  assert.is(bad.code, 2);
  assert.is(
    bad.stderr,
    "minbase: --fail-on takes rewritten, refused, error (comma-separated), not 'nope'\nRun 'minbase --help' for usage.\n",
  );
});

test('--json: refused files carry structured blockers and target null when nothing was chosen', () => {
  const dir = mixed();
  const r = minbase(['--json', 'cgo', 'api'], dir);
  assert.is(r.code, 0, r.stderr);
  const [api, cgo] = jsonOf(r).files;
  assert.equal(cgo!.blockers, [
    { rule: 'go/cgo', line: 2, message: cgo!.blockers[0]!.message },
    { rule: 'run/no-shell', line: 8, message: cgo!.blockers[1]!.message },
    { rule: 'healthcheck/drop', line: 10, message: cgo!.blockers[2]!.message },
  ]);
  assert.match(cgo!.blockers[0]!.message, /^cgo is on in an Alpine builder/);
  assert.is(cgo!.target, null);
  assert.equal(api!.blockers, []);
  assert.is(api!.target, 'scratch');
  assert.equal(Object.keys(api!), [
    'path',
    'outcome',
    'runtime',
    'target',
    'reason',
    'changes',
    'blockers',
    'notes',
    'diff',
  ]);
  const nonroot = minbase(['--json', '--nonroot', 'cgo'], dir);
  assert.is(jsonOf(nonroot).files[0]!.target, null, 'not "a minimal image:nonroot"');
});

test('--format sarif: valid SARIF 2.1.0, one result per change and per blocker, rules with help, levels from --fail-on', () => {
  const dir = mixed();
  const r = minbase(['--format', 'sarif', '.'], dir);
  assert.is(r.code, 2, 'the binary file is an error');
  assert.is(r.stderr, '');
  const log = JSON.parse(r.stdout) as {
    version: string;
    runs: Array<{
      tool: { driver: { name: string; version: string; rules: Array<{ id: string; help: { text: string } }> } };
      results: Array<{
        ruleId: string;
        ruleIndex: number;
        level: string;
        message: { text: string };
        locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>;
      }>;
    }>;
  };
  assert.ok(validateSarif(log), JSON.stringify(validateSarif.errors, null, 2));
  assert.is(log.version, '2.1.0');
  const run = log.runs[0]!;
  assert.is(run.tool.driver.name, 'minbase');
  assert.is(run.tool.driver.version, VERSION);
  const seen = run.results.map((x) => [
    x.locations[0]!.physicalLocation.artifactLocation.uri,
    x.ruleId,
    x.locations[0]!.physicalLocation.region.startLine,
    x.level,
  ]);
  assert.equal(seen, [
    ['api/Dockerfile', 'go/static', 4, 'warning'],
    ['api/Dockerfile', 'ca-certs/copy', 6, 'warning'],
    ['api/Dockerfile', 'entrypoint/exec-form', 9, 'warning'],
    ['bad/Dockerfile', 'minbase/error', 1, 'error'],
    ['cgo/Dockerfile', 'go/cgo', 2, 'warning'],
    ['cgo/Dockerfile', 'run/no-shell', 8, 'warning'],
    ['cgo/Dockerfile', 'healthcheck/drop', 10, 'warning'],
  ]);
  for (const result of run.results) {
    const rule = run.tool.driver.rules[result.ruleIndex]!;
    assert.is(rule.id, result.ruleId);
    assert.ok(rule.help.text.length > 20, rule.id);
  }
  assert.is(new Set(run.tool.driver.rules.map((x) => x.id)).size, run.tool.driver.rules.length, 'each rule once');
  assert.match(run.results[0]!.message.text, /\(new base: scratch; 'minbase --write' applies it\)$/);
  // Levels follow --fail-on: what does not fail the run is a note.
  const gate = minbase(['--format', 'sarif', '--check', '--fail-on', 'rewritten', 'api', 'cgo'], dir);
  assert.is(gate.code, 1);
  const levels = (JSON.parse(gate.stdout) as typeof log).runs[0]!.results.map((x) => `${x.ruleId}:${x.level}`);
  assert.equal(levels, [
    'go/static:warning',
    'ca-certs/copy:warning',
    'entrypoint/exec-form:warning',
    'go/cgo:note',
    'run/no-shell:note',
    'healthcheck/drop:note',
  ]);
  // Nothing to report is still a valid log.
  const empty = minbase(['--format', 'sarif', 'done'], dir);
  assert.is(empty.code, 0);
  assert.ok(validateSarif(JSON.parse(empty.stdout)));
  // The validator does reject a broken log.
  const broken = JSON.parse(r.stdout) as typeof log;
  (broken.runs[0]!.results[0] as { level: string }).level = 'fatal';
  assert.not.ok(validateSarif(broken));
});

test('--format github: one annotation per change, blocker and error, escaped; then the summary line', () => {
  const dir = mixed();
  files(dir, { 'odd,name/Dockerfile': GO });
  const r = minbase(['--format', 'github', '--check', '--fail-on', 'rewritten,error', '.'], dir);
  assert.is(r.code, 2);
  const lines = r.stdout.trimEnd().split('\n');
  assert.is(lines.length, 11);
  assert.is(lines.at(-1), '2 rewritten, 1 unchanged, 0 skipped, 1 refused, 1 errors');
  assert.match(lines[0]!, /^::warning file=api\/Dockerfile,line=4,title=minbase go\/static → scratch::CGO_ENABLED=0/);
  assert.match(lines[3]!, /^::error file=bad\/Dockerfile,title=minbase error::/);
  assert.match(lines[4]!, /^::notice file=cgo\/Dockerfile,line=2,title=minbase refused%3A go\/cgo::cgo is on/);
  assert.match(lines[7]!, /^::warning file=odd%2Cname\/Dockerfile,line=4,/);
  for (const line of lines.slice(0, -1)) assert.match(line, /^::(warning|notice|error) file=[^:]+::[^\n]+$/);
});

test('github escaping follows the runner: % CR LF in messages, also : and , in properties', () => {
  assert.is(escapeData('50%\r\nnext: a,b'), '50%25%0D%0Anext: a,b');
  assert.is(escapeProperty('a:b,c%'), 'a%3Ab%2Cc%25');
  assert.is(annotation('notice', 'x/Dockerfile', 0, 't', 'm\nn'), '::notice file=x/Dockerfile,title=t::m%0An\n');
});

test('--format: values, --json and --patch as before, conflicts and stdin', async () => {
  assert.is(parseCliArgs(['--format', 'json']).format, 'json');
  assert.is(parseCliArgs(['--json']).format, 'json');
  assert.is(parseCliArgs(['--format', 'json', '--json']).format, 'json');
  assert.is(parseCliArgs(['--patch']).format, 'patch');
  assert.is(parseCliArgs(['--format=github', '--check']).format, 'github');
  const usage = (args: string[], message: string) => {
    try {
      parseCliArgs(args);
      assert.unreachable(args.join(' '));
    } catch (err) {
      assert.instance(err, UsageError);
      assert.is((err as Error).message, message);
    }
  };
  usage(['--format', 'xml'], "--format must be 'text', 'json', 'patch', 'sarif', 'github', not 'xml'");
  usage(['--format', 'sarif', '--json'], '--format sarif and --json cannot be used together');
  usage(['--format', 'sarif', '-'], "--format sarif cannot be used with '-': the result is printed on stdout");
  usage(['-i', '--format', 'json'], '--interactive cannot be used with --format');
  usage(['-i', '--fail-on', 'refused'], '--interactive cannot be used with --fail-on');
  usage(
    ['--report', 'x.txt'],
    "--report writes Markdown (.md) or HTML (.html), by the file's extension; 'x.txt' has neither",
  );
  usage(['--report', 'x.md', '-'], "--report cannot be used with '-'");
  const dir = mixed();
  const r = await inProcess(['--format', 'text', 'api'], dir);
  assert.match(r.stdout, /^diff --git a\/api\/Dockerfile b\/api\/Dockerfile\n/);
});

test.run();
