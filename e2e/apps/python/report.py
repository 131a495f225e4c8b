"""Prints what a wrong rewrite of the image would change, one key=value line each."""

import json
import os
import ssl
import sys
import time


def _ca():
    try:
        ctx = ssl.create_default_context()
        n = ctx.cert_store_stats()["x509_ca"]
        return "ok" if n > 0 else "FAIL no CA certificate loaded"
    except Exception as e:  # noqa: BLE001
        return "FAIL " + repr(e)


def _tz():
    if "TZ" not in os.environ:
        return "unset"
    time.tzset()
    return os.environ["TZ"] + " " + time.strftime("%Z %z", time.localtime(1719835200))


def _import(name):
    try:
        from importlib import metadata

        mod = __import__(name)
        return "%s %s %s" % (name, metadata.version(name), os.path.dirname(os.path.dirname(mod.__file__)))
    except Exception as e:  # noqa: BLE001
        return "FAIL " + repr(e)


def show(dependency="waitress"):
    lines = [
        ("argv0", sys.argv[0]),
        ("args", json.dumps(sys.argv[1:])),
        ("uid", os.getuid()),
        ("gid", os.getgid()),
        ("cwd", os.getcwd()),
        ("home", os.environ.get("HOME", "")),
        ("env", json.dumps(sorted(k + "=" + v for k, v in os.environ.items() if k.startswith("APP_")))),
        ("ca", _ca()),
        ("tz", _tz()),
        ("python", "%d.%d" % sys.version_info[:2]),
        ("import", _import(dependency)),
    ]
    for k, v in lines:
        print("%s=%s" % (k, v))
    sys.stdout.flush()
