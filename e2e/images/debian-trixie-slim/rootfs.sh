#!/usr/bin/env bash
# rootfs.sh OUT.tar: Debian 13 "minbase" variant (Priority: required + apt, what debootstrap --variant=minbase and so the official images install), slimmed like the official -slim images:
# no manuals, info pages or translations, docs reduced to copyright files (dpkg path-exclude, kept in the image
# so later apt-get installs are slimmed too).
set -euo pipefail
command -v mmdebstrap >/dev/null || { echo "mmdebstrap is missing (apt-get install mmdebstrap)" >&2; exit 2; }
mmdebstrap --variant=minbase --format=tar \
  --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/info/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' \
  --dpkgopt='path-include=/usr/share/locale/locale.alias' \
  --dpkgopt='path-exclude=/usr/share/doc/*' \
  --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --dpkgopt='path-exclude=/usr/share/lintian/*' \
  --dpkgopt='path-exclude=/usr/share/linda/*' \
  trixie "$1"
