# The VS Code builds the suites run on (sourced by install.sh; run.mjs reads the two CS_ lines).
# Oldest supported (engines.vscode ^1.100.0) and newest code-server on the registry.
CS_OLD_VERSION=4.100.3
CS_NEW_VERSION=4.139.1
CODE_SERVER_VERSIONS=("$CS_OLD_VERSION" "$CS_NEW_VERSION")
# code-server >= 4.103 refuses Node 20; this npm package carries Node 24 with its headers.
NODE24_VERSION=24.21.0
# @vscode/ripgrep as shipped inside code-server 4.100.3, and the ripgrep build it would download.
RIPGREP_PKG_VERSION=1.15.11
RIPGREP_BINARY_VERSION=v13.0.0-10
