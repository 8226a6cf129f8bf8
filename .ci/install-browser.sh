#!/usr/bin/env bash
# Install what the browser tests (tests/browser, pytest marker `browser`) need:
#   - Debian's `chromium` package, with apt-get (skipped when /usr/bin/chromium is there), and a
#     Hangul font (fonts-nanum) and gettext (see below);
#   - Playwright for Python (requirements-browser.txt), into the course's virtual environment
#     when it exists (.venv, or the Python given as $PYTHON).
# Playwright drives that distribution browser; `playwright install` (its own browser download)
# is never used.
#   bash .ci/install-browser.sh            # as root, or with sudo available
#   PYTHON=/path/to/venv/bin/python bash .ci/install-browser.sh
set -euo pipefail
cd "$(dirname "$0")/.."

# Also a Hangul font, so the Korean notebooks' text shows in the browser tests' screenshots (a
# learner's browser has one; the figures carry their own), and gettext's msgfmt, which checks
# the message catalogs (tests/test_i18n.py).
packages=()
[ -x /usr/bin/chromium ] || packages+=(chromium fonts-dejavu-core fonts-liberation)
[ -n "$(fc-list :lang=ko 2>/dev/null)" ] || packages+=(fonts-nanum)
command -v msgfmt >/dev/null || packages+=(gettext)
if [ ${#packages[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
  fi
  echo "installing with apt-get: ${packages[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}"
fi
echo "chromium: $(/usr/bin/chromium --version 2>/dev/null | head -n 1)"

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
