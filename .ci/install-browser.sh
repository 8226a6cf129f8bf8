#!/usr/bin/env bash
# Install what the browser tests (tests/browser, pytest marker `browser`) need:
#   - Debian's `chromium` package, with apt-get (skipped when /usr/bin/chromium is there);
#   - Playwright for Python (requirements-browser.txt), into the course's virtual environment
#     when it exists (.venv, or the Python given as $PYTHON).
# Playwright drives that distribution browser; `playwright install` (its own browser download)
# is never used.
#   bash .ci/install-browser.sh            # as root, or with sudo available
#   PYTHON=/path/to/venv/bin/python bash .ci/install-browser.sh
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -x /usr/bin/chromium ]; then
  echo "chromium: $(/usr/bin/chromium --version 2>/dev/null | head -n 1)"
else
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
  fi
  echo "installing chromium with apt-get"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    chromium fonts-dejavu-core fonts-liberation
  /usr/bin/chromium --version 2>/dev/null | head -n 1
fi

python=${PYTHON:-}
if [ -z "$python" ] && [ -x .venv/bin/python ]; then
  python=.venv/bin/python
fi
if [ -n "$python" ]; then
  echo "installing the browser-test packages into $("$python" -c 'import sys; print(sys.prefix)')"
  "$python" -m pip install --quiet -r requirements-browser.txt
else
  echo "no virtual environment yet: 'pip install -r requirements-browser.txt' into it later (make test does)"
fi
