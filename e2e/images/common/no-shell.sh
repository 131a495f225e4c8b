#!/bin/sh
# no-shell.sh ROOT: fails when ROOT has a shell, as no distroless image (debug included) has /bin/sh.
set -eu
for f in bin/sh usr/bin/sh bin/bash usr/bin/bash usr/bin/dash; do
  if [ -e "$1/$f" ] || [ -L "$1/$f" ]; then echo "no-shell.sh: $1/$f exists" >&2; exit 1; fi
done
