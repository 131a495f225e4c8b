/**
 * The HTML migration report in a real browser (`npm run test:browser`; needs Debian's chromium:
 * `apt-get install chromium`). Outside `npm test`, since chromium is not on every machine.
 *
 * Runs the built CLI over the examples and every fixture input (one folder each), with --json and --report, then
 * has headless chromium render the page: a screenshot (its path is printed, to look at) and the DOM after rendering
 * (`--dump-dom`), whose figures must match the JSON: files, outcomes, per runtime, blockers per rule, one chart bar
 * per rule with its count, and no request to anything outside the page. Ends with `N passed, N failed`.
 *
 *   npm run test:browser                    # keeps the page and the screenshot in a temp folder, printed at the end
 *   MINBASE_REPORT_DIR=out npm run test:browser
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'minbase.js');
const out = process.env.MINBASE_REPORT_DIR
  ? path.resolve(process.env.MINBASE_REPORT_DIR)
  : fs.mkdtempSync(path.join(os.tmpdir(), 'minbase-report-browser-'));
fs.mkdirSync(out, { recursive: true });

let passed = 0;
let failed = 0;
function check(ok: boolean, what: string): void {
  if (ok) passed++;
  else {
    failed++;
    console.log(`FAIL: ${what}`);
  }
}

const chromium = ['chromium', 'chromium-browser', 'google-chrome'].find(
  (c) => spawnSync(c, ['--version'], { encoding: 'utf8' }).status === 0,
);
if (!chromium) {
  console.log('chromium is not installed: apt-get install chromium');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

// A project: the examples and each fixture input in a folder of its own.
const project = path.join(out, 'project');
fs.rmSync(project, { recursive: true, force: true });
fs.cpSync(path.join(ROOT, 'examples'), path.join(project, 'examples'), { recursive: true });
const fixtures = path.join(ROOT, '__fixtures__');
for (const f of fs.readdirSync(fixtures, { recursive: true, encoding: 'utf8' })) {
  if (!f.endsWith('.input.Dockerfile')) continue;
  const dir = path.join(project, 'fixtures', f.replace(/\.input\.Dockerfile$/, ''));
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(path.join(fixtures, f), path.join(dir, 'Dockerfile'));
  // Build-context files a fixture reads (package.json, requirements.txt...) are in its expect.json.
  const expect = path.join(fixtures, f.replace(/\.input\.Dockerfile$/, '.expect.json'));
  const context = fs.existsSync(expect)
    ? ((JSON.parse(fs.readFileSync(expect, 'utf8')) as { context?: Record<string, string> }).context ?? {})
    : {};
  for (const [name, text] of Object.entries(context)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
}

const page = path.join(out, 'report.html');
const run = spawnSync(process.execPath, [BIN, '--json', '--no-config', '--report', page, '.'], {
  cwd: project,
  encoding: 'utf8',
  maxBuffer: 256 * 1024 * 1024,
  env: { ...process.env, NO_COLOR: '1' },
});
check(run.status === 0 || run.status === 2, `minbase ran (exit ${run.status}): ${run.stderr.slice(0, 500)}`);
const json = JSON.parse(run.stdout) as {
  files: Array<{ path: string; outcome: string; runtime: string | null; blockers: Array<{ rule: string }> }>;
  summary: Record<string, number>;
};

// Render: a screenshot, and the DOM as the browser built it.
const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--no-first-run'];
const url = `file://${page}`;
const shot = path.join(out, 'report.png');
const screenshot = spawnSync(chromium, [...flags, `--screenshot=${shot}`, '--window-size=1280,2400', url], {
  encoding: 'utf8',
  timeout: 120_000,
});
check(
  screenshot.status === 0 && fs.existsSync(shot) && fs.statSync(shot).size > 10_000,
  `screenshot: ${screenshot.stderr}`,
);
const dump = spawnSync(chromium, [...flags, '--dump-dom', url], {
  encoding: 'utf8',
  timeout: 120_000,
  maxBuffer: 64 * 1024 * 1024,
});
check(dump.status === 0 && dump.stdout.includes('</html>'), `dump-dom: ${dump.stderr}`);
const dom = dump.stdout;

/** The text of the element carrying data-figure=NAME, in the rendered DOM. */
function figure(name: string): string | undefined {
  const escaped = name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`data-figure="${escaped}"[^>]*>([^<]*)<`).exec(dom)?.[1];
}

check(figure('files') === String(json.files.length), `files: page ${figure('files')}, JSON ${json.files.length}`);
for (const [outcome, n] of Object.entries(json.summary)) {
  if (typeof n !== 'number') continue;
  check(
    figure(`outcome.${outcome}`) === String(n),
    `outcome ${outcome}: page ${figure(`outcome.${outcome}`)}, JSON ${n}`,
  );
}
const runtimes = new Map<string, Record<string, number>>();
const rules = new Map<string, { lines: number; files: number }>();
for (const f of json.files) {
  const key = f.runtime ?? 'other';
  const row = runtimes.get(key) ?? {};
  row[f.outcome] = (row[f.outcome] ?? 0) + 1;
  runtimes.set(key, row);
  const seen = new Set<string>();
  for (const b of f.blockers) {
    const r = rules.get(b.rule) ?? { lines: 0, files: 0 };
    r.lines++;
    if (!seen.has(b.rule)) r.files++;
    seen.add(b.rule);
    rules.set(b.rule, r);
  }
}
for (const [runtime, row] of runtimes) {
  for (const outcome of ['rewritten', 'unchanged', 'skipped', 'refused', 'error']) {
    const want = String(row[outcome] ?? 0);
    const got = figure(`runtime.${runtime}.${outcome}`);
    check(got === want, `runtime ${runtime} ${outcome}: page ${got}, JSON ${want}`);
  }
}
const chart = /<svg[^>]*id="blocker-chart"[^>]*>([\s\S]*?)<\/svg>/.exec(dom)?.[1] ?? '';
const bars = new Map(
  [...chart.matchAll(/<g data-rule="([^"]+)">[\s\S]*?class="count">(\d+)<\/text><\/g>/g)].map((m) => [
    m[1]!,
    Number(m[2]),
  ]),
);
check(rules.size > 3, `the run has several blocker rules (${rules.size})`);
check(bars.size === rules.size, `one chart bar per rule: ${bars.size} bars, ${rules.size} rules`);
for (const [rule, r] of rules) {
  check(figure(`rule.${rule}`) === String(r.lines), `rule ${rule}: page ${figure(`rule.${rule}`)}, JSON ${r.lines}`);
  check(
    figure(`rule.${rule}.files`) === String(r.files),
    `rule ${rule} files: page ${figure(`rule.${rule}.files`)}, JSON ${r.files}`,
  );
  check(bars.get(rule) === r.lines, `chart bar ${rule}: ${bars.get(rule)}, JSON ${r.lines}`);
}
check(!/<(script|link|img|iframe)\b/i.test(dom) && !/\bsrc=/.test(dom), 'nothing loaded from outside the page');

console.log(`page: ${page}`);
console.log(`screenshot: ${shot}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
