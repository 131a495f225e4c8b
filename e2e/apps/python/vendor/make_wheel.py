"""make_wheel.py PKGDIR NAME VERSION OUTDIR [SCRIPT=MODULE:FUNC ...]: packs an importable package into a wheel.

pip's index is not reachable here and Debian's setuptools wheel only builds for Debian's own python, so the
Python cases take waitress's code from Debian's python3-waitress package and pack it with this script; pip then
installs the wheel as it would one from PyPI (console scripts, RECORD, INSTALLER).
"""

import base64
import hashlib
import os
import sys
import zipfile


def main(pkgdir, name, version, outdir, *scripts):
    dist = "%s-%s.dist-info" % (name, version)
    files = {}
    for root, _, names in os.walk(pkgdir):
        for n in sorted(names):
            if n.endswith(".pyc"):
                continue
            path = os.path.join(root, n)
            arc = os.path.join(name, os.path.relpath(path, pkgdir))
            with open(path, "rb") as f:
                files[arc] = f.read()
    files[dist + "/METADATA"] = ("Metadata-Version: 2.1\nName: %s\nVersion: %s\n" % (name, version)).encode()
    files[dist + "/WHEEL"] = b"Wheel-Version: 1.0\nGenerator: e2e-make-wheel\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    if scripts:
        lines = ["[console_scripts]"] + [s.replace("=", " = ", 1) for s in scripts]
        files[dist + "/entry_points.txt"] = ("\n".join(lines) + "\n").encode()
    record = []
    for arc, data in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append("%s,sha256=%s,%d" % (arc, digest, len(data)))
    record.append(dist + "/RECORD,,")
    files[dist + "/RECORD"] = ("\n".join(record) + "\n").encode()
    out = os.path.join(outdir, "%s-%s-py3-none-any.whl" % (name, version))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for arc, data in files.items():
            z.writestr(arc, data)
    print(out)


if __name__ == "__main__":
    main(*sys.argv[1:])
