/** A short reason for a failed file-system call, e.g. "permission denied", without the path. */
export function osReason(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as NodeJS.ErrnoException).code;
  // Node formats these as "EACCES: permission denied, open '/x'".
  const m = /^[A-Z0-9_]+: ([^,]+)(,|$)/.exec(err.message);
  if (m?.[1]) return m[1];
  return code ? `${err.message} (${code})` : err.message;
}
