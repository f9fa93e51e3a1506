#!/usr/bin/env bash
# Installs aiosmtpd into a git-ignored venv (.venv-smtp) for the mail tests and prints the Python to use.
#   scripts/smtp-test.sh            -> installs if needed, prints the venv's python3 path
#   scripts/smtp-test.sh serve DIR  -> also starts the loopback SMTP receiver writing to the maildir DIR and
#                                      prints its port (stops when stdin closes)
# The tests find the venv by itself (VANS_SMTP_PYTHON overrides); .ci/run calls this before `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.venv-smtp
if [ ! -x "$venv/bin/python3" ]; then
    python3 -m venv "$venv"
fi
if ! "$venv/bin/python3" -c "import aiosmtpd" 2>/dev/null; then
    "$venv/bin/python3" -m pip install --quiet "aiosmtpd>=1.4,<2" >&2
fi
if [ "${1:-}" = "serve" ]; then
    exec "$venv/bin/python3" scripts/smtp-server.py "${2:?maildir}"
fi
echo "$PWD/$venv/bin/python3"
