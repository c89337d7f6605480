#!/usr/bin/env bash
# `npm test`: every suite, from a clean checkout after `npm ci`. Installs what the VS Code suites need.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build
npm run typecheck
npm run lint
npm run test:unit
npm run bench:test
npm run test:vscode
