/**
 * Check 3 of `--verify`: the differential start. The old and the new image are run the same way for a few seconds;
 * this file decides whether what they did agrees.
 */

/** What one container did within the time allowed. */
export interface StartObservation {
  /** Still running when the time ran out. */
  running: boolean;
  /** Exit status when it stopped (Docker gives 126/127 when the program cannot be executed at all). */
  exitCode: number | null;
  /** Why Docker could not start it (`exec: "/app": stat /app: no such file or directory`), else null. */
  error: string | null;
  /** What it wrote on stderr (the first lines are shown). */
  stderr: string;
}

export type StartVerdict = { agree: true; detail: string } | { agree: false; message: string; stderr: string[] };

/**
 * The first few non-empty lines of a stderr, each cut at 200 characters; when there are many more, `…` and the last
 * two as well (a Python traceback or a Go panic says what happened at its end).
 */
export function firstLines(text: string, count = 5): string[] {
  const cut = (l: string): string => (l.length > 200 ? `${l.slice(0, 199)}…` : l);
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '');
  if (lines.length <= count + 2) return lines.map(cut);
  return [...lines.slice(0, count), '…', ...lines.slice(-2)].map(cut);
}

/** Docker's long OCI error reduced to what the runtime said: `exec: "/app": stat /app: no such file or directory`. */
export function shortStartError(error: string): string {
  const m = /unable to start container process: (.*?)(: unknown)?$/.exec(error.trim());
  return (m?.[1] ?? error).trim();
}

function state(o: StartObservation, seconds: string): string {
  if (o.error !== null) return `failed to start (${shortStartError(o.error)})`;
  if (o.running) return `was still running after ${seconds}`;
  return `exited with status ${o.exitCode}`;
}

/**
 * They agree when both are still running at the timeout, or both stopped with the same status. Anything else is a
 * failure of the new image, shown with the first lines of its stderr.
 */
export function compareStarts(old: StartObservation, neu: StartObservation, timeoutSeconds: number): StartVerdict {
  const seconds = `${timeoutSeconds} s`;
  if (old.running && neu.running) return { agree: true, detail: `both still running after ${seconds}` };
  if (!old.running && !neu.running && old.exitCode === neu.exitCode) {
    const how = neu.error !== null && old.error !== null ? 'both failed to start' : 'both exited';
    return { agree: true, detail: `${how} with status ${neu.exitCode} within ${seconds}` };
  }
  const lines = firstLines(neu.error !== null ? `${shortStartError(neu.error)}\n${neu.stderr}` : neu.stderr);
  let message: string;
  if (neu.error !== null)
    message = `the new image fails to start: ${shortStartError(neu.error)}, while the original ${state(old, seconds)}`;
  else message = `the new image ${state(neu, seconds)}, while the original ${state(old, seconds)}`;
  return { agree: false, message, stderr: lines };
}
