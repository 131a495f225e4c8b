"""With PORT set, main.py serves HTTP there after reporting, for a HEALTHCHECK to probe.

Every path answers 200 (GET and HEAD, as wget --spider asks) until SIGUSR2, which steps through: 500 on every
path, 200 again, the listener closed (the process stays). SIGTERM is not handled: as PID 1 the kernel ignores it,
under an init wrapper it kills python.
"""

import os
import signal
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer


def parent():
    """The comm of the process that started this one (tini, a shell), or none when this one is PID 1."""
    ppid = os.getppid()
    if ppid == 0:
        return "none"
    try:
        with open("/proc/%d/comm" % ppid) as f:
            return f.read().strip()
    except OSError as e:
        return "FAIL " + repr(e)


def run(port):
    state = {"status": 200}
    steps = ["500", "ok", "closed"]

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = b"ok\n" if state["status"] == 200 else b"failing\n"
            self.send_response(state["status"])
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        do_HEAD = do_GET

        def log_message(self, *args):
            pass

    server = HTTPServer(("", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    def step(signum, frame):
        s = steps.pop(0) if steps else "closed"
        if s == "closed":
            server.shutdown()
            server.server_close()
        else:
            state["status"] = 500 if s == "500" else 200
        print("step=%s" % s, flush=True)

    signal.signal(signal.SIGUSR2, step)
    print("listening=%d" % port, flush=True)
    while True:
        time.sleep(3600)
