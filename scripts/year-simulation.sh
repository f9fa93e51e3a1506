#!/usr/bin/env bash
# The simulated year of issue 5 (Benchmarks/year/README.md) with a real loopback SMTP receiver (aiosmtpd), on SQLite
# by default, on PostgreSQL when VANS_TEST_POSTGRES_URL is set (e.g. under `scripts/postgres-test.sh run`).
#   scripts/year-simulation.sh [AGENCIES]
set -euo pipefail
cd "$(dirname "$0")/.."
agencies=${1:-300}
bin=${VANS_YEAR_BIN:-.build/release/YearSimulation}
[ -x "$bin" ] || VANS_YEAR_BENCH=1 swift build -c release --product YearSimulation
work=$(mktemp -d); maildir=$work/mail
trap 'rm -rf "$work"' EXIT
scripts/smtp-test.sh >/dev/null
coproc smtp { scripts/smtp-test.sh serve "$maildir" 2>"$work/smtp.log"; }
read -r port <&"${smtp[0]}"
echo "SMTP receiver on 127.0.0.1:$port, load $(cut -d' ' -f1-3 /proc/loadavg)"
"$bin" "$agencies" "$port" "$maildir" "$PWD"
exec {smtp[1]}>&-
wait "$smtp_PID" 2>/dev/null || true
