#!/usr/bin/env bash
# Side by side, same machine, same run: OpenVANS and cve-bin-tool 3.4 on the same generated inventories, built
# from the same NVD records (api-2.0 + feed-1.1 incl. modified files, overrides replacing configurations).
# For each size: OpenVANS from the raw feeds (cold), OpenVANS from a prepared snapshot (the per-host JSON report,
# and the per-CPE-and-CVE report, `--format products`, which is what cve-bin-tool's report holds), cve-bin-tool
# from its prepared database; then the diff of their results. Appends to results/compare.tsv; diffs to results/diff-N.md.
#
# Usage: bash compare.sh [ROWS...]   (default 1000 10000). Needs setup.sh, build_cbt_db.py, gen_inventory.py
# outputs in work/, and a release build of vans (swift build -c release at the package root).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE"
VANS="$HERE/../../.build/release/vans"
DATA="${VANS_SHARED_DATA:-$HERE/../../../shared/data}"
FEED_PATHS=("$DATA/nvd/api-2.0" "$DATA/nvd/feed-1.1" "$DATA/nvd/overrides")
FEEDS=()
for path in "${FEED_PATHS[@]}"; do FEEDS+=(--nvd "$path"); done
ROWS=("$@")
[ ${#ROWS[@]} -eq 0 ] && ROWS=(1000 10000)
mkdir -p results work
TSV=results/compare.tsv
[ -f "$TSV" ] || printf 'date\trows\ttool\twall_s\tuser_s\tsys_s\tmax_rss_kb\tload_1min\n' > "$TSV"

timed() { # name rows command...
    local name=$1 rows=$2; shift 2
    local log="work/time-$name-$rows.txt" load
    load=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -f '%e %U %S %M' -o "$log" "$@" > /dev/null 2>&1 || [ "$name" = cve-bin-tool ] # exit 1 = CVEs found
    # GNU time prefixes "Command exited with non-zero status N" when the command fails; the figures are the last line.
    read -r wall user sys rss < <(tail -n 1 "$log")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$rows" "$name" "$wall" "$user" "$sys" "$rss" "$load" \
        | tee -a "$TSV" >&2
}

"$VANS" feeds snapshot "${FEED_PATHS[@]}" --output work/nvd-union.vanskb 2>/dev/null
for n in "${ROWS[@]}"; do
    timed vans-cold "$n" "$VANS" match "${FEEDS[@]}" --inventory "work/inv-$n.cpe.csv" --format json --output "work/vans-$n.json"
    timed vans-snapshot "$n" "$VANS" match --snapshot work/nvd-union.vanskb --inventory "work/inv-$n.cpe.csv" \
        --format json --output "work/vans-snap-$n.json"
    timed vans-products "$n" "$VANS" match --snapshot work/nvd-union.vanskb --inventory "work/inv-$n.cpe.csv" \
        --format products --output "work/vans-products-$n.csv"
    rm -f "work/cbt-$n.json"
    timed cve-bin-tool "$n" env HOME="$HERE/.peer-home" "$HERE/.venv-peers/bin/cve-bin-tool" --offline -u never \
        --disable-version-check --log error -i "work/inv-$n.cbt.csv" -f json -o "work/cbt-$n.json"
    .venv-peers/bin/python diff_results.py --inventory "work/inv-$n.cpe.csv" --openvans "work/vans-$n.json" \
        --cbt "work/cbt-$n.json" --products "work/vans-products-$n.csv" --out "results/diff-$n.md"
done
