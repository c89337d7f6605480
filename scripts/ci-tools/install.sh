#!/usr/bin/env bash
# Installs the outside programs the CI-output and live-metrics tests talk to, idempotently:
#   - prometheus (Debian): the remote-write receiver test/cli/prometheus-out.test.ts streams to;
#   - xmllint (Debian libxml2-utils): validates --junit output against test/fixtures/junit/junit.xsd.
# Each is skipped when its command is already on PATH. `npm test` runs this before the unit suites.
set -euo pipefail

log() { printf '[ci-tools install %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

missing=()
command -v prometheus >/dev/null 2>&1 || missing+=(prometheus)
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
if [ ${#missing[@]} -eq 0 ]; then
  log "present: prometheus, xmllint"
  exit 0
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
# Two installs at once would fight over dpkg's lock: take turns.
exec 9>/tmp/loadlens-ci-tools.lock
flock 9
log "installing ${missing[*]} (Debian)"
$SUDO apt-get update -qq
# --no-install-recommends: prometheus only, not its node exporter and friends as services.
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
# Debian's package starts a prometheus service where systemd runs; the tests start their own.
log "done"
