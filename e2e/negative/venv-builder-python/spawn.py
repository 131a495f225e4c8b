"""Runs the venv's own interpreter, which links to the builder's /usr/local/bin/python3."""

import subprocess
import sys

sys.exit(subprocess.run(["/venv/bin/python", "-c", "print('child ok')"]).returncode)
