/** `--report FILE`: writes the migration report of a run, Markdown or HTML (each loaded only when asked for). */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { VerifyTotals } from '../verify/format.js';
import type { FileReport } from './report.js';
import { figures } from './report-data.js';

/** The report's date: SOURCE_DATE_EPOCH (seconds) when set, for reproducible reports, else today. */
export function reportDate(env: Record<string, string | undefined>): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  const date = epoch !== undefined && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
  return date.toISOString().slice(0, 10);
}

export async function renderReport(
  kind: 'markdown' | 'html',
  reports: FileReport[],
  meta: { version: string; date: string; verifying: boolean; totals?: VerifyTotals },
): Promise<string> {
  const f = figures(reports, meta.verifying, meta.totals);
  if (kind === 'markdown') return (await import('./report-md.js')).markdownReport(f, meta);
  return (await import('./report-html.js')).htmlReport(f, meta);
}

/** Writes the report; returns an error message, or null. */
export async function writeReport(
  file: string,
  cwd: string,
  kind: 'markdown' | 'html',
  reports: FileReport[],
  meta: { version: string; date: string; verifying: boolean; totals?: VerifyTotals },
): Promise<string | null> {
  const text = await renderReport(kind, reports, meta);
  try {
    await writeFile(path.resolve(cwd, file), text);
    return null;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return `cannot write the report to ${file}: ${code === 'ENOENT' ? 'no such folder' : code === 'EACCES' ? 'permission denied' : String(err)}`;
  }
}
