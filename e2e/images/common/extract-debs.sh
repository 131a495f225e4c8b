#!/bin/sh
# extract-debs.sh ROOT DEB...: unpacks the packages' files into ROOT the way distroless does (no maintainer
# scripts run, no dpkg database), on Debian 13's merged /usr (bin, sbin, lib, lib64 are links into usr/).
set -eu
root=$1
shift
mkdir -p "$root/usr/bin" "$root/usr/sbin" "$root/usr/lib" "$root/usr/lib64"
for l in bin sbin lib lib64; do [ -e "$root/$l" ] || ln -s "usr/$l" "$root/$l"; done
for deb in "$@"; do
  dpkg-deb --fsys-tarfile "$deb" | tar -x --keep-directory-symlink -C "$root"
done
# What dpkg would have removed or the image never ships.
rm -rf "$root/usr/share/doc" "$root/usr/share/man" "$root/usr/share/info" "$root/usr/share/lintian"
