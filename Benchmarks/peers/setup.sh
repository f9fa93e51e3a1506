#!/usr/bin/env bash
# Create the peer-comparison venv (idempotent) and install cve-bin-tool 3.4.
# Usage: bash Benchmarks/peers/setup.sh   (from anywhere)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="$HERE/.venv-peers"
PEER_HOME="$HERE/.peer-home"
CBT_VERSION="3.4"

if ! command -v /usr/bin/time >/dev/null 2>&1; then
    echo "setup: /usr/bin/time missing; installing Debian package 'time'" >&2
    apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
fi

if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
# requirements-peers.txt pins cve-bin-tool==3.4 and every dependency (pip freeze); reinstall only when it changed
REQ="$HERE/requirements-peers.txt"
STAMP="$VENV/.requirements.sha256"
want="$(sha256sum "$REQ" | cut -d' ' -f1)"
if [ "$(cat "$STAMP" 2>/dev/null)" != "$want" ]; then
    "$VENV/bin/pip" install --disable-pip-version-check -q -r "$REQ"
    echo "$want" > "$STAMP"
fi
installed="$("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("cve-bin-tool"))')"
[ "$installed" = "$CBT_VERSION" ] || { echo "setup: expected cve-bin-tool $CBT_VERSION, got $installed" >&2; exit 1; }
mkdir -p "$PEER_HOME/.cache/cve-bin-tool"
echo "setup: cve-bin-tool $("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("cve-bin-tool"))') in $VENV; HOME for runs: $PEER_HOME"
