#!/usr/bin/env bash
# `npm test`: every suite, from a clean checkout after `npm ci`. Installs what the suites need
# (scripts/ci-tools/install.sh, scripts/vscode-test/install.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build
npm run typecheck
npm run lint
# Prometheus and xmllint for the live-metrics and JUnit tests (Debian packages; skipped when present).
bash scripts/ci-tools/install.sh
npm run test:unit
npm run bench:test
npm run test:vscode
