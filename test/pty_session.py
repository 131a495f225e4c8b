#!/usr/bin/env python3
"""Runs a command on a real pseudo-terminal, answers its questions, and prints a JSON transcript.

Usage: python3 test/pty_session.py SPEC_JSON

SPEC_JSON is an object:
  argv     the command and its arguments, e.g. ["node", "bin/minbase.js", "-i", "."]
  cwd      the folder to run it in
  env      variables added to this process's environment (optional)
  rows, cols   the terminal size (optional, default 40 x 120)
  steps    a list of {"expect": TEXT, "send": KEYS} or {"expect": TEXT, "signal": "SIGINT"}: wait until TEXT
           appears in the output after where the previous step's TEXT was found, then type KEYS (or send the
           signal to the command)
  timeout  seconds for the whole run (optional, default 20); the command is killed when it is over

The transcript is {"output", "exitCode", "signal", "timedOut", "stepsDone", "error"}: everything the command
printed (as the terminal got it, with CR LF line ends), its exit code or the signal that ended it, whether it
had to be killed, how many steps were done, and why the steps stopped early (null when they all ran).
The driver never waits longer than the timeout, whatever the command does.
"""

import fcntl
import json
import os
import pty
import select
import signal
import struct
import sys
import termios
import time


def main() -> None:
    spec = json.loads(sys.argv[1])
    argv = spec["argv"]
    env = dict(os.environ)
    env.update(spec.get("env", {}))
    rows = int(spec.get("rows", 40))
    cols = int(spec.get("cols", 120))
    deadline = time.monotonic() + float(spec.get("timeout", 20))

    pid, fd = pty.fork()
    if pid == 0:  # the child: its stdin, stdout and stderr are the terminal
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            os.chdir(spec["cwd"])
            os.execvpe(argv[0], argv, env)
        except BaseException as err:  # noqa: BLE001 - anything here must end the child
            os.write(2, f"pty_session.py: cannot run {argv[0]}: {err}\n".encode())
        os._exit(127)

    output = bytearray()
    eof = False

    def read_until(stop) -> None:
        """Reads what the command prints until stop() is true, the terminal closes, or the deadline."""
        nonlocal eof
        while not eof and not stop():
            left = deadline - time.monotonic()
            if left <= 0:
                return
            ready, _, _ = select.select([fd], [], [], min(left, 0.1))
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # EIO: every copy of the terminal's other side is closed
                chunk = b""
            if not chunk:
                eof = True
            output.extend(chunk)

    def text() -> str:
        return output.decode("utf-8", errors="replace")

    offset = 0
    steps_done = 0
    error = None
    for step in spec.get("steps", []):
        expect = step["expect"]
        read_until(lambda: text().find(expect, offset) >= 0)
        found = text().find(expect, offset)
        if found < 0:
            state = "the command ended" if eof else "timed out"
            error = f"{state} before {expect!r} was printed"
            break
        offset = found + len(expect)
        if "send" in step:
            os.write(fd, step["send"].encode())
        if "signal" in step:
            os.kill(pid, getattr(signal, step["signal"]))
        steps_done += 1

    read_until(lambda: False)
    # The terminal is closed (or time is up): wait for the command to end, but not past the deadline.
    status = None
    while status is None and time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done == 0:
            status = None
            time.sleep(0.02)
    timed_out = status is None
    if timed_out:
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    os.close(fd)

    print(
        json.dumps(
            {
                "output": text(),
                "exitCode": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
                "signal": signal.Signals(os.WTERMSIG(status)).name if os.WIFSIGNALED(status) else None,
                "timedOut": timed_out,
                "stepsDone": steps_done,
                "error": error,
            }
        )
    )


if __name__ == "__main__":
    main()
