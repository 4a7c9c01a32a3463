#!/bin/sh
# The web page (docs/WEB.md): GET / and /static/{name} from the assets
# compiled into searchd, their headers, and then the page itself in Debian's
# Chromium, driven by tests/browser/run.mjs (Playwright), one TAP line per
# browser test.  The browser part skips, saying why, when chromium, node or
# tests/browser/node_modules is missing (make deps installs them).
. "$(dirname "$0")/lib.sh"

db="$SCRATCH/index"
"$INDEX" --db "$db" "$CORPUS" >/dev/null || { not_ok "index corpus/"; exit 1; }
# A hostile article (markup and script in every field the page shows), a
# Persian one (right-to-left), and two copies of one wire story (folded as
# near-duplicates).
wire='A wire report from Doha said the delegations exchanged lists of prisoners on Thursday and agreed to meet again next week to discuss a timetable for the release of detainees held by both sides.'
jq -cn --arg wire "$wire" '
  {id: "evil-1",
   title: "<script>window.__pwned=1</script>\" onerror=\"window.__pwned=2\" <img src=x onerror=\"window.__pwned=3;alert(3)\">",
   url: "javascript:window.__pwned=4",
   source: "<b onmouseover=\"window.__pwned=5\">evil</b>",
   date: "2021-03-05",
   body: "Doha payload <script>window.__pwned=6;alert(6)</script> and <img src=x onerror=\"window.__pwned=7;alert(7)\"> and \" onerror=\"window.__pwned=8\" and &lt;b&gt; &amp; done."},
  {id: "fa-1", title: "مذاکرات صلح در دوحه پس از چند هفته از سر گرفته شد",
   url: "https://fa.example.org/1", source: "fa.example.org", date: "2021-03-01", lang: "fa",
   body: "اعضای دو هیئت مذاکره کننده روز دوشنبه در دوحه دیدار کردند. Doha"},
  {id: "wire-a", title: "Prisoner lists exchanged in Doha", url: "https://a.example.com/wire",
   source: "a.example.com", date: "2021-03-04", body: $wire},
  {id: "wire-b", title: "Doha: prisoner lists exchanged", url: "https://b.example.com/wire",
   source: "b.example.com", date: "2021-03-04", body: ($wire + " (Wire)")}' |
    "$INDEX" --db "$db" --format jsonl - >/dev/null || { not_ok "index the extra articles"; exit 1; }
start_searchd "$db" || { not_ok "start searchd"; exit 1; }

# --- the page and its files, without a browser --------------------------
headers() { curl -s -D - -o "$SCRATCH/body" "$BASE$1" | tr -d '\r'; }
h=$(headers /)
check_eq "GET / is the HTML page" "200 text/html; charset=utf-8" \
    "$(printf '%s\n' "$h" | sed -n '1s/^HTTP[^ ]* \([0-9]*\).*/\1/p') $(printf '%s\n' "$h" | sed -n 's/^Content-Type: //Ip')"
check "with a Content-Security-Policy that allows nothing inline or foreign" \
    sh -c "printf '%s\n' \"\$1\" | grep -qx \"Content-Security-Policy: default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'\"" - "$h"
check "and X-Frame-Options, Referrer-Policy, nosniff" \
    sh -c "printf '%s\n' \"\$1\" | grep -qx 'X-Frame-Options: DENY' && printf '%s\n' \"\$1\" | grep -qx 'Referrer-Policy: no-referrer' && printf '%s\n' \"\$1\" | grep -qx 'X-Content-Type-Options: nosniff'" - "$h"
check "the page has no inline script, style or handler, and no foreign address" \
    sh -c '! grep -Eiq "<script>|<script [^>]*>[^<]|<style|style=|[[:space:]]on[a-z]+=|https?://|//[a-z]" "$1"' - "$SCRATCH/body"
check_eq "/static/app.js is JavaScript" "200 text/javascript; charset=utf-8" \
    "$(curl -s -o /dev/null -w '%{http_code} %{content_type}' "$BASE/static/app.js")"
check_eq "/static/app.css is CSS" "200 text/css; charset=utf-8" \
    "$(curl -s -o /dev/null -w '%{http_code} %{content_type}' "$BASE/static/app.css")"
check "assets carry the CSP too" \
    sh -c "curl -s -D - -o /dev/null \"\$1/static/app.js\" | grep -qi '^Content-Security-Policy: default-src'" - "$BASE"
check_eq "the assets are served exactly as in searchd/assets/" "same" \
    "$(curl -s "$BASE/static/app.js" | cmp -s - "$KHABAR_TOP/searchd/assets/app.js" && echo same)"
check_eq "gzipped when asked" "gzip" \
    "$(curl -s -H 'Accept-Encoding: gzip' -D - -o /dev/null "$BASE/static/app.js" | tr -d '\r' | sed -n 's/^Content-Encoding: //Ip')"
# --path-as-is: curl would otherwise resolve "/static/../" itself.
for path in /static/nope.js /static/ /static/../static/app.js '/static/%2e%2e/%2e%2e/etc/passwd' \
    '/static/..%2fapp.js' '/static/app.js/' /static/index.html /index.html /app.js \
    '/static//etc/passwd' '/static/../../../../etc/passwd' '/static/%2Fetc%2Fpasswd'; do
    code=$(curl -s --path-as-is -o "$SCRATCH/body" -w '%{http_code}' "$BASE$path")
    check_eq "$path is 404 not_found (JSON)" "404 not_found" "$code $(jq -r .error.code "$SCRATCH/body" 2>/dev/null)"
done
code=$(curl -s --path-as-is -o "$SCRATCH/body" -w '%{http_code}' "$BASE/static/app.js%00.png")
check_eq "/static/app.js%00.png is refused, never the shorter name" "400 bad_parameter" \
    "$code $(jq -r .error.code "$SCRATCH/body" 2>/dev/null)"
check_eq "HEAD / is 200 with no body" "200 0" \
    "$(curl -s -I -o /dev/null -w '%{http_code} %{size_download}' "$BASE/")"
check_eq "POST / is 405" 405 "$(curl -s -o /dev/null -w '%{http_code}' -X POST "$BASE/")"
check "/metrics counts the page under its own labels" \
    sh -c 'curl -s "$1/metrics" | grep -q "route=\"/static/{name}\"" && curl -s "$1/metrics" | grep -q "route=\"/\""' - "$BASE"

# --- the page in a browser ----------------------------------------------
browser="$KHABAR_TOP/tests/browser"
why=
[ -x /usr/bin/chromium ] || why="no /usr/bin/chromium (apt-get install chromium)"
[ -z "$why" ] && ! command -v node >/dev/null 2>&1 && why="no node (apt-get install nodejs)"
[ -z "$why" ] && [ ! -d "$browser/node_modules/playwright-core" ] && \
    why="no tests/browser/node_modules (cd tests/browser && npm ci)"
if [ -n "$why" ]; then
    skip "browser tests" "$why"
    done_testing
    exit 0
fi
shots="${KHABAR_SCREENSHOTS:-$SCRATCH/screenshots}"
mkdir -p "$shots"
node "$browser/run.mjs" "$BASE" "$shots" >"$SCRATCH/browser.out" 2>"$SCRATCH/browser.err"
rc=$?
while IFS= read -r line; do
    case $line in
    "ok - "*) ok "${line#ok - }" ;;
    "not ok - "*) not_ok "${line#not ok - }" ;;
    "#"*) echo "$line" ;;
    esac
done <"$SCRATCH/browser.out"
if [ "$rc" -ne 0 ] && ! grep -q '^not ok' "$SCRATCH/browser.out"; then
    not_ok "tests/browser/run.mjs ran" "$(tail -20 "$SCRATCH/browser.err")"
fi
done_testing
