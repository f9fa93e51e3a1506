#!/usr/bin/env bash
# A 100,000-row VANS v1 upload against a real `vans serve`, timed from the POST until its findings are visible
# (upload status `completed` and GET /api/v1/findings answered). SQLite in a temporary folder by default; with
# VANS_POSTGRES_URL set (a fresh database, e.g. under `scripts/postgres-test.sh run`), PostgreSQL. Loopback only.
#
#   scripts/upload-benchmark.sh [ROWS]                                   # release build of vans, SQLite
#   scripts/postgres-test.sh run scripts/upload-benchmark.sh [ROWS]      # the same on PostgreSQL
#   VANS_BIN=.build/debug/vans scripts/upload-benchmark.sh 2000          # a quick check of the script itself
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-100000}
bin=${VANS_BIN:-.build/release/vans}
[ -x "$bin" ] || swift build -c release --product vans
dir=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$dir"' EXIT

# Rows like a real month: a few hundred distinct products repeated over hosts-less v1 rows, a tenth with a CPE.
python3 - "$rows" >"$dir/body.json" <<'PY'
import json, sys
rows = int(sys.argv[1])
products = [("apache", "http_server", "2.4.%d" % v) for v in range(40, 60)] + \
           [("openssl", "openssl", "1.1.1%s" % c) for c in "abcdefghijk"] + \
           [("Vendor %d" % (i % 37), "Product %d" % i, "%d.%d" % (i % 9, i % 5)) for i in range(400)]
data = []
for i in range(rows):
    vendor, product, version = products[i % len(products)]
    cpe = "cpe:2.3:a:%s:%s:%s:*:*:*:*:*:*:*" % (vendor, product, version) if i % 10 == 0 and " " not in vendor else "N/A"
    data.append({"product_name": product, "product_vendor": vendor, "product_version": version, "cpe23": cpe,
                 "asset_number": "1", "category": "software", "unit_name": "監察院", "oid": "2.16.886.101.20007"})
json.dump({"api_key": "KEY", "month": "2026-10", "data": data}, sys.stdout)
PY

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
storage=(--database "$dir/vans.sqlite")
engine=sqlite
if [ -n "${VANS_POSTGRES_URL:-${VANS_TEST_POSTGRES_URL:-}}" ]; then
    storage=(--postgres "${VANS_POSTGRES_URL:-$VANS_TEST_POSTGRES_URL}")
    engine=postgres
fi
"$bin" serve "${storage[@]}" --port "$port" --max-body-bytes $((256 << 20)) >"$dir/serve.log" 2>&1 &
server=$!
for _ in $(seq 600); do grep -q "listening on http://" "$dir/serve.log" && break; sleep 0.1; done
key=$(grep -o "shown only now: [^ ]*" "$dir/serve.log" | cut -d' ' -f4)
[ -n "$key" ] || { echo "no demo key (the database must be fresh):" >&2; cat "$dir/serve.log" >&2; exit 1; }
for _ in $(seq 600); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done
sed "s/\"KEY\"/\"$key\"/" "$dir/body.json" >"$dir/keyed.json"

start=$(date +%s.%N)
id=$(curl -sf -H 'Content-Type: application/json' --data-binary @"$dir/keyed.json" \
    "http://127.0.0.1:$port/rest/vans/InsertSystemUnitproduct" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
received=$(date +%s.%N)
while :; do
    status=$(curl -sf -H "X-API-Key: $key" "http://127.0.0.1:$port/api/v1/uploads/$id" |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')
    [ "$status" = completed ] || [ "$status" = failed ] && break
    sleep 0.05
done
# `completed` means the snapshot is committed; the findings are recorded just after, by the same job.
findings=0
while [ "$status" = completed ] && [ "$findings" = 0 ]; do
    findings=$(curl -sf -H "X-API-Key: $key" "http://127.0.0.1:$port/api/v1/findings" |
        python3 -c 'import json,sys; print(len(json.load(sys.stdin)["findings"]))')
    grep -q "job done\|failed for good" "$dir/serve.log" && [ "$findings" = 0 ] && break
    [ "$findings" = 0 ] && sleep 0.05
done
grep -E "error|warning" "$dir/serve.log" | grep -v "Request" | head -5 >&2 || true
done_at=$(date +%s.%N)
printf '%s: %d rows, %s bytes, status %s, %s findings; POST answered in %.2f s, findings visible after %.2f s (load %s)\n' \
    "$engine" "$rows" "$(wc -c <"$dir/keyed.json")" "$status" "$findings" \
    "$(echo "$received - $start" | bc)" "$(echo "$done_at - $start" | bc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
