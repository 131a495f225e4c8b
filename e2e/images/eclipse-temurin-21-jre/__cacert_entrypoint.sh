#!/usr/bin/env bash
# Stand-in for Temurin's /__cacert_entrypoint.sh: the real one imports extra certificates into the JVM's
# truststore when USE_SYSTEM_CA_CERTS is set, then runs the command. This one only runs the command.
set -e
if [ -n "${USE_SYSTEM_CA_CERTS:-}" ]; then
  echo "__cacert_entrypoint.sh (e2e stand-in): USE_SYSTEM_CA_CERTS is not implemented" >&2
fi
exec "$@"
