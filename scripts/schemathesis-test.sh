#!/usr/bin/env bash
# Runs schemathesis (PyPI, in a git-ignored venv) against Sources/HTTPAPI/openapi.yaml on a real `vans serve`
# started here on loopback with a throwaway SQLite file. Fails on any 5xx or any answer the spec does not declare.
#   scripts/schemathesis-test.sh [VANS_BINARY]   (default .build/debug/vans; build it first)
# Left out: `unsupported_method` (Hummingbird answers 404, not 405, for a known path with an undeclared method) and
# `positive_data_acceptance`, which flags schema-valid requests the server refuses: random bytes as a passkey's
# clientDataJSON (rightly 400), an empty `month` query, and bodies whose rows the inventory reader cannot place
# once `api_key` is stripped — to be stated in the spec or fixed (docs/adr/0012-server-shape.md, consequences).
set -euo pipefail
cd "$(dirname "$0")/.."
vans="${1:-.build/debug/vans}"
[ -x "$vans" ] || { echo "schemathesis-test: $vans is not built" >&2; exit 2; }
venv=.venv-schemathesis
[ -x "$venv/bin/python3" ] || python3 -m venv "$venv"
"$venv/bin/python3" -c "import schemathesis" 2>/dev/null \
    || "$venv/bin/python3" -m pip install --quiet "schemathesis>=4.1,<5" >&2

work="$(mktemp -d)"
server=""
cleanup() {
    [ -z "$server" ] || kill "$server" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
port="$("$venv/bin/python3" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
"$vans" serve --host 127.0.0.1 --port "$port" --database "$work/vans.sqlite" --log-level warning \
    > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
    grep -q "listening on" "$work/serve.log" 2>/dev/null && break
    kill -0 "$server" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
    sleep 0.2
done
# The knowledge base loads in the background; /readyz answers 503 until it has (and that 503 is not a failure).
"$venv/bin/python3" - "$port" <<'PY' || { echo "schemathesis-test: the server never became ready" >&2; cat "$work/serve.log" >&2; exit 1; }
import sys, time, urllib.request, urllib.error
deadline = time.time() + 180
while time.time() < deadline:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/readyz", timeout=5) as answer:
            if answer.status == 200:
                sys.exit(0)
    except (urllib.error.URLError, OSError):
        pass
    time.sleep(0.5)
sys.exit(1)
PY
key="$(sed -n 's/.*shown only now: //p' "$work/serve.log")"
[ -n "$key" ] || { echo "schemathesis-test: no demo key in the server's output" >&2; cat "$work/serve.log" >&2; exit 1; }

VANS_SCHEMATHESIS_KEY="$key" SCHEMATHESIS_HOOKS=hooks PYTHONPATH=scripts/schemathesis \
    "$venv/bin/schemathesis" run Sources/HTTPAPI/openapi.yaml --url "http://127.0.0.1:$port" \
    --checks all --exclude-checks unsupported_method,positive_data_acceptance --header "X-API-Key: $key" \
    --max-examples "${VANS_SCHEMATHESIS_EXAMPLES:-100}" --seed 1 --no-color
kill -0 "$server" 2>/dev/null || { echo "schemathesis-test: the server died" >&2; cat "$work/serve.log" >&2; exit 1; }
