#!/usr/bin/env bash
# Lighthouse scores of the example dossier's pages, served under /dossier/ on 127.0.0.1
# as GitHub Pages serves a project site.
#
#   bench/lighthouse.sh              # home and the first article, mobile (Lighthouse's default)
#   bench/lighthouse.sh --desktop    # desktop preset
#   bench/lighthouse.sh network/ actors/makron/   # these pages (paths below the site) instead
#
# Lighthouse (npm) is installed once into $LIGHTHOUSE_DIR (default $TMPDIR/lighthouse),
# outside the repository: it is a measuring tool, not a test dependency.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-.venv/bin/python}
LH_DIR=${LIGHTHOUSE_DIR:-${TMPDIR:-/tmp}/lighthouse}
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
# Without the last five flags Chromium keeps dialling Google hosts the sandbox refuses.
FLAGS="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync"
PRESET=()
if [[ "${1:-}" == "--desktop" ]]; then PRESET=(--preset=desktop); shift; fi

if [[ ! -x "$LH_DIR/node_modules/.bin/lighthouse" ]]; then
  mkdir -p "$LH_DIR"
  (cd "$LH_DIR" && npm init -y >/dev/null && npm i --silent lighthouse >&2)
fi

work=$(mktemp -d)
server=""
cleanup() {
  if [[ -n "$server" ]]; then kill "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# A port nobody holds: a server already on a fixed port would be audited instead of ours.
PORT=${PORT:-$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
base="http://127.0.0.1:$PORT/dossier/"
# Built for the address it is served at, so canonical links point at the page audited.
"$PYTHON" build.py build --out "$work/dossier" --base-url "$base" >&2
"$PYTHON" -m http.server "$PORT" --bind 127.0.0.1 --directory "$work" >/dev/null 2>&1 &
server=$!
for _ in $(seq 50); do curl -sf -o /dev/null "$base" && break; sleep 0.1; done
kill -0 "$server" 2>/dev/null || { echo "could not serve on port $PORT" >&2; exit 1; }

first_article=$(cd "$work/dossier" && ls -d articles/*/ | grep -v '^articles/page/' | head -n 1)
paths=("$@")
[[ ${#paths[@]} -gt 0 ]] || paths=("" "$first_article")
names=()
for path in "${paths[@]}"; do
  name=${path%/}; name=${name//\//-}; name=${name:-home}
  [[ -f "$work/dossier/${path}index.html" ]] || { echo "no page at $path" >&2; exit 1; }
  "$LH_DIR/node_modules/.bin/lighthouse" "$base$path" --quiet --chrome-flags="$FLAGS" "${PRESET[@]}" \
    --only-categories=performance,accessibility,best-practices,seo \
    --output=json --output-path="$work/$name.json"
  names+=("$name")
done

node -e '
const [dir, ...names] = process.argv.slice(1);
console.log("page".padEnd(32) + "performance  accessibility  best-practices  seo");
for (const name of names) {
  const report = require(`${dir}/${name}.json`);
  const score = id => String(Math.round(report.categories[id].score * 100));
  console.log(name.padEnd(32) + score("performance").padEnd(13) + score("accessibility").padEnd(15)
              + score("best-practices").padEnd(16) + score("seo"));
  for (const category of Object.values(report.categories))
    for (const ref of category.auditRefs) {
      const audit = report.audits[ref.id];
      if (ref.weight > 0 && audit.score !== null && audit.score < 1)
        console.log(`  ${category.id}: ${ref.id} ${audit.displayValue || audit.score}`);
    }
}
const last = require(`${dir}/${names[0]}.json`);
console.log(`Lighthouse ${last.lighthouseVersion}, ${last.configSettings.formFactor}`);
' "$work" "${names[@]}"
