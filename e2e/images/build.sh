#!/usr/bin/env bash
# Builds the local stand-ins for the base images the e2e cases use, under their real names
# (golang:1.24, gcr.io/distroless/static-debian13:nonroot, ...). No registry is reachable, so each one is
# made from Debian 13 packages (and, for Node, the npm registry). See e2e/README.md for what differs.
#
#   bash e2e/images/build.sh                 # every stand-in
#   bash e2e/images/build.sh golang-1.24 ... # these definitions (and what they build on)
#   bash e2e/images/build.sh --list          # definition -> tags
#
# Each definition is a folder e2e/images/<def>/ with image.conf:
#   name=IMAGE            repository name, e.g. gcr.io/distroless/base-debian13
#   tags="T1 T2"          tags to produce
#   select=none|target|arg
#                         none: one build, tagged with every tag; target: `--target T` per tag;
#                         arg: `--build-arg TAG=T` per tag (the Dockerfile starts FROM its parent:${TAG})
#   deps="DEF ..."        definitions it builds on (built first)
#   rootfs=SCRIPT         instead of a Dockerfile: SCRIPT OUT.tar makes a root file system, which is imported
#   changes=(...)         with rootfs: `docker import --change` values (bash array)
#   prepare=FUNC          optional bash function run in the build context first (downloads from npm)
#   background=1          build it in the background, beside the next ones (a long compile)
# The build context is a temp copy of the folder plus e2e/images/common/. Every image carries the label
# minbase.e2e.hash: the sha256 of its definition, common/ and its dependencies' hashes. An image whose label
# matches is not rebuilt, so a second run costs a few `docker inspect` calls.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
DOCKER="${DOCKER:-/usr/bin/docker}"
export DOCKER_BUILDKIT=1
LOGDIR="${E2E_LOG_DIR:-${TMPDIR:-/tmp}/minbase-e2e-images}"
mkdir -p "$LOGDIR"

defs_all() { for d in "$HERE"/*/image.conf; do basename "$(dirname "$d")"; done; }

conf() { # conf DEF: loads image.conf into the current shell (name, tags, select, deps, rootfs, changes, prepare)
  name='' tags='' select=none deps='' rootfs='' prepare='' background=''
  changes=()
  # shellcheck disable=SC1090
  source "$HERE/$1/image.conf"
}

common_used() { # common_used DEF: the files of common/ that the definition names (only those are in its hash)
  local f
  for f in "$HERE"/common/*; do
    if grep -rqF "$(basename "$f")" "$HERE/$1"; then echo "common/$(basename "$f")"; fi
  done
}

declare -A HASH=()
hash_of() { # hash_of DEF: prints the definition's hash (memoised)
  local def=$1
  if [[ -z "${HASH[$def]:-}" ]]; then
    local deps_h='' d
    conf "$def"
    local my_deps=$deps
    for d in $my_deps; do deps_h+="$d=$(hash_of "$d");"; done
    HASH[$def]=$(
      {
        echo "$deps_h"
        (cd "$HERE" && find "$def" $(common_used "$def") -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
      } | sha256sum | cut -c1-16
    )
  fi
  echo "${HASH[$def]}"
}

up_to_date() { # up_to_date DEF: every tag exists with the right label
  local def=$1 h t have
  h=$(hash_of "$def")
  conf "$def"
  for t in $tags; do
    have=$("$DOCKER" image inspect -f '{{index .Config.Labels "minbase.e2e.hash"}}' "$name:$t" 2>/dev/null || true)
    [[ "$have" == "$h" ]] || return 1
  done
}

declare -A DONE=() BG_PID=()
build_def() {
  local def=$1 d
  [[ -n "${DONE[$def]:-}" ]] && return 0
  [[ -f "$HERE/$def/image.conf" ]] || { echo "build.sh: no definition e2e/images/$def" >&2; exit 2; }
  conf "$def"
  for d in $deps; do
    build_def "$d"
    if [[ -n "${BG_PID[$d]:-}" ]]; then wait "${BG_PID[$d]}" || exit 1; BG_PID[$d]=''; fi
  done
  DONE[$def]=1
  if up_to_date "$def"; then
    echo "  cached  $def"
    return 0
  fi
  conf "$def"
  if [[ -n "$background" ]]; then
    echo "  started $def in the background"
    build_one "$def" &
    BG_PID[$def]=$!
    return 0
  fi
  build_one "$def"
}

build_one() {
  local def=$1
  conf "$def"
  local h start ctx log t first='' old_ids=()
  h=$(hash_of "$def")
  for t in $tags; do old_ids+=("$("$DOCKER" image inspect -f '{{.Id}}' "$name:$t" 2>/dev/null || true)"); done
  start=$(date +%s)
  ctx=$(mktemp -d "${TMPDIR:-/tmp}/minbase-e2e-ctx.XXXXXX")
  log="$LOGDIR/$def.log"
  cp -a "$HERE/$def/." "$ctx/"
  cp -a "$HERE/common" "$ctx/common"
  : >"$log"
  if ! (
    set -e
    cd "$ctx"
    if [[ -n "$prepare" ]]; then "$prepare" >>"$log" 2>&1; fi
    if [[ -n "$rootfs" ]]; then
      bash "./$rootfs" "$ctx/rootfs.tar" >>"$log" 2>&1
      local args=() c
      for c in "${changes[@]}"; do args+=(--change "$c"); done
      args+=(--change "LABEL minbase.e2e.hash=$h")
      for t in $tags; do
        if [[ -z "$first" ]]; then
          "$DOCKER" import "${args[@]}" "$ctx/rootfs.tar" "$name:$t" >>"$log" 2>&1
          first="$name:$t"
        else
          "$DOCKER" tag "$first" "$name:$t"
        fi
      done
    else
      case "$select" in
        none)
          local targs=()
          for t in $tags; do targs+=(-t "$name:$t"); done
          "$DOCKER" build --progress=plain --label "minbase.e2e.hash=$h" "${targs[@]}" "$ctx" >>"$log" 2>&1
          ;;
        target | arg)
          for t in $tags; do
            local sel=(--target "$t")
            [[ "$select" == arg ]] && sel=(--build-arg "TAG=$t")
            "$DOCKER" build --progress=plain --label "minbase.e2e.hash=$h" "${sel[@]}" -t "$name:$t" "$ctx" >>"$log" 2>&1
          done
          ;;
        *) echo "bad select=$select" >>"$log"; exit 2 ;;
      esac
    fi
  ); then
    rm -rf "$ctx"
    echo "  FAILED  $def (log: $log)" >&2
    tail -n 30 "$log" >&2
    exit 1
  fi
  rm -rf "$ctx"
  # The images these tags named before: removed once nothing else names them (rmi without -f refuses otherwise).
  for t in "${old_ids[@]}"; do [[ -z "$t" ]] || "$DOCKER" rmi "$t" >/dev/null 2>&1 || true; done
  echo "  built   $def ($(($(date +%s) - start)) s): $(for t in $tags; do printf '%s ' "$name:$t"; done)"
}

if [[ "${1:-}" == --list ]]; then
  for def in $(defs_all); do conf "$def"; printf '%-36s' "$def"; for t in $tags; do printf ' %s' "$name:$t"; done; echo; done
  exit 0
fi
if [[ "${1:-}" == --hash ]]; then hash_of "$2"; exit 0; fi

"$DOCKER" info >/dev/null 2>&1 || { echo "build.sh: no Docker daemon reachable through $DOCKER" >&2; exit 2; }
if [[ $# -eq 0 ]]; then set -- $(defs_all); fi
started=$(date +%s)
# Long background builds first, so that the others run beside them.
for def in "$@"; do conf "$def"; if [[ -n "$background" ]]; then build_def "$def"; fi; done
for def in "$@"; do build_def "$def"; done
for def in "${!BG_PID[@]}"; do
  if [[ -n "${BG_PID[$def]}" ]]; then wait "${BG_PID[$def]}" || exit 1; fi
done
echo "stand-in images ready ($(($(date +%s) - started)) s)"
