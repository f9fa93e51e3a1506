#!/usr/bin/env bash
# Read endpoints of a real `vans serve` under concurrent load (issue 4): wrk from apt on loopback, p50/p99 latency
# and throughput per endpoint, then one long run with the server's resident memory sampled every 10 s to show it
# stays flat. SQLite in a temporary folder by default; PostgreSQL when VANS_POSTGRES_URL/VANS_TEST_POSTGRES_URL is
# set (a fresh database, e.g. under `scripts/postgres-test.sh run`).
#
#   scripts/read-load-benchmark.sh [SECONDS-PER-ENDPOINT] [LONG-RUN-SECONDS] [CONNECTIONS]   # defaults 30 600 32
set -euo pipefail
cd "$(dirname "$0")/.."
short=${1:-30}
long=${2:-600}
connections=${3:-32}
bin=${VANS_BIN:-.build/release/vans}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
[ -x "$bin" ] || swift build -c release --product vans
dir=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$dir"' EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
storage=(--database "$dir/vans.sqlite")
engine=sqlite
if [ -n "${VANS_POSTGRES_URL:-${VANS_TEST_POSTGRES_URL:-}}" ]; then
    storage=(--postgres "${VANS_POSTGRES_URL:-$VANS_TEST_POSTGRES_URL}")
    engine=postgres
fi
"$bin" serve "${storage[@]}" --port "$port" --log-level warning >"$dir/serve.log" 2>&1 &
server=$!
for _ in $(seq 600); do grep -q "shown only now" "$dir/serve.log" && break; sleep 0.1; done
key=$(grep -o "shown only now: [^ ]*" "$dir/serve.log" | cut -d' ' -f4)
[ -n "$key" ] || { echo "no demo key (the database must be fresh):" >&2; cat "$dir/serve.log" >&2; exit 1; }
for _ in $(seq 600); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done
base="http://127.0.0.1:$port"

# Something to read: the bundled sample upload, processed by the server's worker.
sed "s/openvans-demo-key/$key/" Samples/vans-v1.json >"$dir/body.json"
id=$(curl -sf -H 'Content-Type: application/json' --data-binary @"$dir/body.json" \
    "$base/rest/vans/InsertSystemUnitproduct" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
for _ in $(seq 600); do
    status=$(curl -sf -H "X-API-Key: $key" "$base/api/v1/uploads/$id" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')
    [ "$status" = completed ] && break
    sleep 0.1
done
findings=$(curl -sf -H "X-API-Key: $key" "$base/api/v1/findings" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["findings"]))')
echo "$engine: upload $id $status, $findings findings; $connections connections, 2 wrk threads, load $(cut -d' ' -f1-3 /proc/loadavg)"

rss() { awk '/VmRSS/ { print $2 }' "/proc/$server/status"; }
run() {  # name seconds url
    wrk -t2 -c"$connections" -d"$2s" --latency -H "X-API-Key: $key" "$3" >"$dir/wrk.txt"
    python3 - "$1" "$dir/wrk.txt" <<'PY'
import re, sys
name, text = sys.argv[1], open(sys.argv[2]).read()
def ms(percentile):
    found = re.search(percentile + r"%\s+([\d.]+)(us|ms|s|m)\b", text)
    if not found:
        sys.exit(f"{name}: no {percentile}% latency in wrk's output:\n{text}")
    number, unit = found.groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]
p50, p99 = ms("50"), ms("99")
rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
socket = re.search(r"Socket errors: (.*)", text)
print(f"{name}\tp50 {p50:.2f} ms\tp99 {p99:.2f} ms\t{rate:,.0f} req/s\tnon-2xx {errors.group(1) if errors else 0}"
      + (f"\tsocket errors: {socket.group(1)}" if socket else ""))
PY
}
run "GET /healthz" "$short" "$base/healthz"
run "GET /api/v1/uploads/{id}" "$short" "$base/api/v1/uploads/$id"
run "GET /api/v1/findings ($findings)" "$short" "$base/api/v1/findings"

echo "long run: GET /api/v1/uploads/{id} for $long s; resident memory (kB) every 10 s:"
start_rss=$(rss)
( for _ in $(seq $((long / 10))); do sleep 10; rss; done ) >"$dir/rss.txt" &
sampler=$!
run "GET /api/v1/uploads/{id} (long)" "$long" "$base/api/v1/uploads/$id"
wait "$sampler" || true
python3 - "$start_rss" "$dir/rss.txt" <<'PY'
import sys
start = int(sys.argv[1]); samples = [int(line) for line in open(sys.argv[2]) if line.strip()]
if samples:
    half = samples[len(samples) // 2:]
    print(f"RSS before {start/1024:.1f} MB; during: min {min(samples)/1024:.1f}, max {max(samples)/1024:.1f}, "
          f"last {samples[-1]/1024:.1f} MB; second half min..max {min(half)/1024:.1f}..{max(half)/1024:.1f} MB "
          f"({len(samples)} samples)")
PY
