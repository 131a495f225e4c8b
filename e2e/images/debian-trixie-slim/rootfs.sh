#!/usr/bin/env bash
# rootfs.sh OUT.tar: Debian 13 "minbase" variant (Priority: required + apt, what debootstrap --variant=minbase and so the official images install), slimmed like the official -slim images:
# no manuals, info pages or translations, docs reduced to copyright files (dpkg path-exclude, kept in the image
# so later apt-get installs are slimmed too), and the official images' apt config that deletes downloaded packages
# after each install (docker-clean).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
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
  --customize-hook="cp '$here/docker-clean' \"\$1/etc/apt/apt.conf.d/docker-clean\"" \
  --customize-hook='rm -rf "$1"/var/cache/apt/*.bin "$1"/var/lib/apt/lists/*' \
  trixie "$1"
