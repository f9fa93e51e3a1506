#!/usr/bin/env bash
# Run cve-bin-tool 3.4 offline on the generated vendor,product,version inventories, one run at a time,
# recording wall time and peak RSS (/usr/bin/time -v) into results/cbt_runs.tsv (one line per run, appended).
#
# Usage: bash run_cbt.sh [ROWS...]            default ROWS: 1000 10000
#        MODES="json quiet" bash run_cbt.sh 1000
# Needs: setup.sh, build_cbt_db.py (DB in .peer-home) and work/inv-ROWS.cbt.csv from gen_inventory.py.
#
# Modes:
#   json  : --log error -f json -o work/cbt-ROWS.json   (report written; used by diff_results.py)
#   quiet : -q -f json -o work/cbt-ROWS-quiet.json      (the PEERS.md §6 recipe; NB in 3.4 `-q` skips
#           OutputEngine.output_file_wrapper, so NO report file is written: this times the scan alone)
# Exit status of cve-bin-tool is 1 when CVEs are found; that is recorded, not treated as failure.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE"
CBT="$HERE/.venv-peers/bin/cve-bin-tool"
export HOME="$HERE/.peer-home"
MODES="${MODES:-json quiet}"
ROWS=("$@")
[ ${#ROWS[@]} -eq 0 ] && ROWS=(1000 10000)
mkdir -p results work
TSV=results/cbt_runs.tsv
[ -f "$TSV" ] || printf 'date\trows\tdistinct_vpv\tmode\texit\twall_s\tuser_s\tsys_s\tcpu_pct\tmax_rss_kb\tfindings\tdistinct_vpv_cve\tdb_range_rows\tload_1min\n' > "$TSV"
[ -x "$CBT" ] || { echo "run_cbt: $CBT missing; run setup.sh" >&2; exit 2; }
[ -f "$HOME/.cache/cve-bin-tool/cve.db" ] || { echo "run_cbt: no DB; run build_cbt_db.py" >&2; exit 2; }
range_rows=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from cve_range').fetchone()[0])" "$HOME/.cache/cve-bin-tool/cve.db")

for n in "${ROWS[@]}"; do
    inv="work/inv-$n.cbt.csv"
    [ -f "$inv" ] || { echo "run_cbt: $inv missing (gen_inventory.py --rows $n --out-cbt $inv)" >&2; exit 2; }
    distinct=$(tail -n +2 "$inv" | sort -u | wc -l)
    for mode in $MODES; do
        if [ "$mode" = quiet ]; then
            out="work/cbt-$n-quiet.json"; flags=(-q)
        else
            out="work/cbt-$n.json"; flags=(--log error)
        fi
        rm -f "$out"
        tlog="work/cbt-$n-$mode.time"
        load=$(cut -d' ' -f1 /proc/loadavg)
        echo "run_cbt: $n rows ($distinct distinct), mode $mode ..." >&2
        /usr/bin/time -v -o "$tlog" "$CBT" --offline -u never --disable-version-check "${flags[@]}" \
            -i "$inv" -f json -o "$out" > "work/cbt-$n-$mode.log" 2>&1
        rc=$?
        wall=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$tlog")
        user=$(awk -F': ' '/User time/{print $2}' "$tlog")
        sys=$(awk -F': ' '/System time/{print $2}' "$tlog")
        cpu=$(awk -F': ' '/Percent of CPU/{print $2}' "$tlog")
        rss=$(awk -F': ' '/Maximum resident set size/{print $2}' "$tlog")
        if [ -s "$out" ]; then
            read -r findings dcve < <(python3 -c "
import json,sys; d=json.load(open(sys.argv[1]))
print(len(d), len({(x['vendor'],x['product'],x['version'],x['cve_number']) for x in d}))" "$out")
        else
            findings=NA; dcve=NA
        fi
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$n" "$distinct" "$mode" \
            "$rc" "$wall" "$user" "$sys" "$cpu" "$rss" "$findings" "$dcve" "$range_rows" "$load" >> "$TSV"
        tail -n 1 "$TSV" >&2
    done
done
