#!/usr/bin/env bash
# Lighthouse scores for an exercise page, a routine page and the exercise library of the built guide,
# in Debian's Chromium (headless, Lighthouse's default mobile form factor and throttling). Not part of
# `make test`: it needs npm, and installs Lighthouse into a throwaway folder ($LIGHTHOUSE_DIR, /tmp/lh
# by default).
#
#   benchmarks/lighthouse.sh            # prints: date, page, performance, accessibility, best practices, SEO
#
# The site is served on localhost with gzip for text files, as static hosts (GitHub Pages, Netlify,
# nginx, Apache) send it; Python's plain http.server sends everything uncompressed.
set -euo pipefail
cd "$(dirname "$0")/.."

LIGHTHOUSE_DIR=${LIGHTHOUSE_DIR:-/tmp/lh}
LIGHTHOUSE="$LIGHTHOUSE_DIR/node_modules/.bin/lighthouse"
PORT=${PORT:-8890}
PAGES=(exercises/glute-bridge/ routines/beginner-hip-strength/ exercises/)
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}

if [ ! -x "$LIGHTHOUSE" ]; then
  npm install --prefix "$LIGHTHOUSE_DIR" --no-audit --no-fund --loglevel=error lighthouse@13 >&2
fi

WORK=$(mktemp -d)
SERVER=
cleanup() {
  if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

.venv/bin/exguide build --site-dir "$WORK/site" >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; exit 1; }

python3 - "$PORT" "$WORK/site" <<'PY' &
import functools, gzip, http.server, io, os, sys

TEXT = {"text/html", "text/css", "text/javascript", "application/javascript", "application/json", "image/svg+xml"}


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?")[0].endswith("/"):
            path = os.path.join(path, "index.html")
        kind = self.guess_type(path)
        if not os.path.isfile(path) or kind not in TEXT or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        with open(path, "rb") as file:
            body = gzip.compress(file.read(), 6)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


handler = functools.partial(GzipHandler, directory=sys.argv[2])
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), handler).serve_forever()
PY
SERVER=$!
for _ in $(seq 50); do
  curl -fs -o /dev/null "http://127.0.0.1:$PORT/" && break
  sleep 0.1
done

printf '%-12s %-36s %11s %13s %14s %4s\n' date page performance accessibility best-practices SEO
for page in "${PAGES[@]}"; do
  report="$WORK/$(echo "$page" | tr / _).json"
  "$LIGHTHOUSE" "http://127.0.0.1:$PORT/$page" --quiet --output=json --output-path="$report" \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu"
  python3 - "$report" "$page" <<'PY'
import datetime, json, sys

categories = json.load(open(sys.argv[1]))["categories"]
scores = [round(categories[name]["score"] * 100) for name in ("performance", "accessibility", "best-practices", "seo")]
print(f"{datetime.date.today().isoformat():<12} /{sys.argv[2]:<35} {scores[0]:>11} {scores[1]:>13} {scores[2]:>14} {scores[3]:>4}")
PY
done
