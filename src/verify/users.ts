/**
 * The user a container runs as, resolved the way Docker (runc) does from the image's `USER` and its own
 * `/etc/passwd` and `/etc/group`.
 */
import type { FsNode, ImageFs } from './imagefs.js';

export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

export interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

export interface RunUser {
  uid: number;
  gid: number;
  /** Supplementary groups (from /etc/group, when `USER` names no group). */
  groups: number[];
  /** How to name the user in messages: `root`, `65532`, `app (1000:1000)`. */
  label: string;
}

export function parsePasswd(text: string): PasswdEntry[] {
  const out: PasswdEntry[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(':');
    if (f.length < 4 || line.startsWith('#')) continue;
    const uid = Number(f[2]);
    const gid = Number(f[3]);
    if (!Number.isInteger(uid) || !Number.isInteger(gid)) continue;
    out.push({ name: f[0]!, uid, gid, home: f[5] ?? '' });
  }
  return out;
}

export function parseGroup(text: string): GroupEntry[] {
  const out: GroupEntry[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(':');
    if (f.length < 3 || line.startsWith('#')) continue;
    const gid = Number(f[2]);
    if (!Number.isInteger(gid)) continue;
    out.push({ name: f[0]!, gid, members: (f[3] ?? '').split(',').filter((m) => m !== '') });
  }
  return out;
}

const NUMERIC = /^\d+$/;

/** Resolves `USER` (`name`, `uid`, `name:group`, `uid:gid`, empty for root); a failure is a message. */
export function resolveUser(spec: string, fs: ImageFs): { ok: true; user: RunUser } | { ok: false; message: string } {
  const [userPart = '', groupPart] = spec.trim().split(':', 2);
  if (userPart === '' && groupPart === undefined) {
    return { ok: true, user: { uid: 0, gid: 0, groups: [], label: 'root' } };
  }
  const passwdText = fs.read('/etc/passwd');
  const passwd = passwdText ? parsePasswd(passwdText.toString('utf8')) : [];
  const groupText = fs.read('/etc/group');
  const groups = groupText ? parseGroup(groupText.toString('utf8')) : [];

  let uid: number;
  let gid = 0;
  let name: string | null = null;
  if (NUMERIC.test(userPart) || userPart === '') {
    uid = userPart === '' ? 0 : Number(userPart);
    const entry = passwd.find((e) => e.uid === uid);
    if (entry) {
      gid = entry.gid;
      name = entry.name;
    }
  } else {
    if (!passwdText) {
      return { ok: false, message: `the new image has no /etc/passwd, so USER ${userPart} cannot be resolved` };
    }
    const entry = passwd.find((e) => e.name === userPart);
    if (!entry) return { ok: false, message: `USER ${userPart} is not in the new image's /etc/passwd` };
    uid = entry.uid;
    gid = entry.gid;
    name = entry.name;
  }
  let supplementary: number[] = [];
  if (groupPart !== undefined && groupPart !== '') {
    if (NUMERIC.test(groupPart)) gid = Number(groupPart);
    else {
      if (!groupText) {
        return { ok: false, message: `the new image has no /etc/group, so the group ${groupPart} cannot be resolved` };
      }
      const entry = groups.find((g) => g.name === groupPart);
      if (!entry)
        return { ok: false, message: `group ${groupPart} of USER ${spec} is not in the new image's /etc/group` };
      gid = entry.gid;
    }
  } else if (name !== null) {
    const user = name;
    supplementary = groups.filter((g) => g.members.includes(user)).map((g) => g.gid);
  }
  const label = uid === 0 && gid === 0 ? 'root' : name !== null ? `${name} (${uid}:${gid})` : `${uid}:${gid}`;
  return { ok: true, user: { uid, gid, groups: supplementary, label } };
}

/** Whether `user` may do `what` (4 read, 2 write, 1 execute/search) on `node`, by its mode bits. */
export function allowed(node: FsNode, user: RunUser, what: 1 | 2 | 4): boolean {
  if (user.uid === 0) {
    // Root needs an execute bit somewhere to run a file, and nothing else.
    return what !== 1 || node.type === 'dir' || (node.mode & 0o111) !== 0;
  }
  let shift = 0;
  if (node.uid === user.uid) shift = 6;
  else if (node.gid === user.gid || user.groups.includes(node.gid)) shift = 3;
  return ((node.mode >> shift) & what) !== 0;
}

export function octal(mode: number): string {
  return `0${(mode & 0o7777).toString(8).padStart(3, '0')}`;
}
