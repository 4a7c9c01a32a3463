#!/bin/sh
# --token-file (issue 9 item 5): a bearer token required on every route
# but /healthz, or only on the routes --token-for names; a token file that
# is not private, empty or otherwise unusable stops searchd at start, exit
# 2, naming the file but never quoting the token.
. "$(dirname "$0")/lib.sh"

db="$SCRATCH/index"
"$INDEX" --db "$db" "$CORPUS" >/dev/null || { not_ok "index corpus/"; exit 1; }
token='kh-7Qd9_x2+Lw/0Zp.VtR~ms=='
tokfile="$SCRATCH/token"
# Whitespace around the token is trimmed, a trailing newline included.
printf '  %s\n\n' "$token" >"$tokfile"
chmod 600 "$tokfile"

# refused NAME MODE-OR-CONTENT GREP: searchd refuses the token file,
# exit 2, with a message matching GREP and without the token in it.
refused() {
    "$SEARCHD" --db "$db" --listen 127.0.0.1:0 --token-file "$2" \
        >"$SCRATCH/out" 2>"$SCRATCH/err"
    code=$?
    check_eq "$1: exit 2" 2 "$code"
    check "$1: the message says why and names the file" \
        grep -q "khabar-searchd: $2: .*$3" "$SCRATCH/err"
    check "$1: the message does not quote the token" \
        sh -c "! grep -qF -- '$token' '$SCRATCH/err'"
    check_eq "$1: nothing listened" "" "$(cat "$SCRATCH/out")"
}

cp "$tokfile" "$SCRATCH/world"; chmod 644 "$SCRATCH/world"
refused "a world-readable token file (0644)" "$SCRATCH/world" "readable or writable by every user (mode 0644); make it private first: chmod o-rwx"
cp "$tokfile" "$SCRATCH/worldw"; chmod 602 "$SCRATCH/worldw"
refused "a world-writable token file (0602)" "$SCRATCH/worldw" "readable or writable by every user (mode 0602)"
: >"$SCRATCH/empty"; chmod 600 "$SCRATCH/empty"
refused "an empty token file" "$SCRATCH/empty" "holds no token"
printf ' \n\t\n' >"$SCRATCH/blank"; chmod 600 "$SCRATCH/blank"
refused "a token file of whitespace" "$SCRATCH/blank" "holds no token"
printf '%s x\n' "$token" >"$SCRATCH/space"; chmod 600 "$SCRATCH/space"
refused "a token with a space inside" "$SCRATCH/space" "holds a space"
head -c 5000 /dev/zero | tr '\0' a >"$SCRATCH/long"; chmod 600 "$SCRATCH/long"
refused "a token file over 4096 bytes" "$SCRATCH/long" "over 4096 bytes"
refused "a missing token file" "$SCRATCH/none" "No such file"
refused "a directory" "$SCRATCH" "not a regular file"

"$SEARCHD" --db "$db" --token-for export >/dev/null 2>"$SCRATCH/err"
check_eq "--token-for without --token-file is a usage error, exit 2" \
    "2 1" "$? $(grep -c 'needs --token-file' "$SCRATCH/err")"
"$SEARCHD" --db "$db" --token-file "$tokfile" --token-for export,healthz >/dev/null 2>"$SCRATCH/err"
check_eq "--token-for healthz is refused: /healthz stays open" \
    "2 1" "$? $(grep -c 'healthz never needs the token' "$SCRATCH/err")"
"$SEARCHD" --db "$db" --token-file "$tokfile" --token-for search,nonsense >/dev/null 2>"$SCRATCH/err"
check_eq "an unknown --token-for name is a usage error, exit 2" \
    "2 1" "$? $(grep -c "must be 'all' or a comma-separated list" "$SCRATCH/err")"

# req PATH [CURL ARGS...]: "STATUS ERROR-CODE" of a GET.
req() {
    p=$1; shift
    : >"$SCRATCH/body"; : >"$SCRATCH/headers"
    code=$(curl -s -m 10 -D "$SCRATCH/headers" -o "$SCRATCH/body" -w '%{http_code}' "$@" "$BASE$p")
    echo "$code $(jq -r '.error.code // "-"' "$SCRATCH/body" 2>/dev/null)"
}
challenge() { tr -d '\r' <"$SCRATCH/headers" | sed -n 's/^[Ww][Ww][Ww]-[Aa]uthenticate: //p'; }

# --- the token on every route (the default, --token-for all) ---
chmod 640 "$tokfile"    # the group may read it: a service group
start_searchd "$db" --token-file "$tokfile" || { not_ok "start searchd with a 0640 token file"; exit 1; }
ok "a token file the group may read (0640) is accepted"
check_eq "without a token /search is 401 unauthorized" "401 unauthorized" "$(req '/search?q=Doha')"
check_eq "with the challenge WWW-Authenticate: Bearer" 'Bearer realm="khabar"' "$(challenge)"
check "the 401 is JSON with Cache-Control: no-store" \
    sh -c "jq -e '.error.message | test(\"bearer token\")' '$SCRATCH/body' >/dev/null &&
           grep -qi '^cache-control: no-store' '$SCRATCH/headers'"
check_eq "a wrong token is 401" "401 unauthorized" "$(req '/search?q=Doha' -H 'Authorization: Bearer wrong-token')"
check_eq "with error=\"invalid_token\"" 'Bearer realm="khabar", error="invalid_token"' "$(challenge)"
check_eq "the token with one byte more is 401" "401 unauthorized" "$(req '/search?q=Doha' -H "Authorization: Bearer ${token}x")"
check_eq "the token less its last byte is 401" "401 unauthorized" \
    "$(req '/search?q=Doha' -H "Authorization: Bearer $(printf %s "$token" | sed 's/.$//')")"
check_eq "the token as Basic credentials is 401" "401 unauthorized" "$(req '/search?q=Doha' -H "Authorization: Basic $token")"
check_eq "the token in the query string is not accepted" "401 unauthorized" "$(req "/search?q=Doha&access_token=$token")"
check_eq "the right token: 200" "200 -" "$(req '/search?q=Doha' -H "Authorization: Bearer $token")"
check_eq "the scheme in any case (bearer)" "200 -" "$(req '/search?q=Doha' -H "Authorization: bearer $token")"
for p in '/article/example-001' '/similar/example-001' '/timeline?q=Doha' \
         '/export?q=Doha' '/suggest?prefix=Do' /stats /metrics / /static/app.js; do
    check_eq "$p without a token is 401" "401 unauthorized" "$(req "$p")"
    check_eq "$p with the token is 200" "200" "$(req "$p" -H "Authorization: Bearer $token" | cut -d' ' -f1)"
done
check_eq "/healthz needs no token, for monitoring probes" "200 -" "$(req /healthz)"
check_eq "an unknown path is still 404" "404 not_found" "$(req /nowhere)"
check_eq "HEAD without a token is 401 too" 401 \
    "$(curl -s -m 10 -I -o /dev/null -w '%{http_code}' "$BASE/search?q=Doha")"
# Keep-alive: the 401 and the retry with the token on one connection.
fmt='%{http_code} %{num_connects}\n'
curl -s -m 10 -o /dev/null -w "$fmt" "$BASE/search?q=Doha" \
    -: -s -m 10 -o /dev/null -w "$fmt" -H "Authorization: Bearer $token" "$BASE/search?q=Doha" >"$SCRATCH/ka"
check_eq "a 401 keeps the connection open for the retry" "401 1
200 0" "$(cat "$SCRATCH/ka")"
check "the access log never holds the token (but where a client put it in the URL)" \
    sh -c "! grep -F -- '$token' '$SCRATCH/searchd.err' | grep -qv 'access_token='"
check "the 401s are logged as such" grep -q 'GET /search?q=Doha 401 ' "$SCRATCH/searchd.err"
stop_searchd

# --- the token on /export only ---
start_searchd "$db" --token-file "$tokfile" --token-for export || { not_ok "start searchd --token-for export"; exit 1; }
check_eq "--token-for export: /export without a token is 401" "401 unauthorized" "$(req '/export?q=Doha')"
check_eq "--token-for export: /export with it is 200" "200" "$(req '/export?q=Doha' -H "Authorization: Bearer $token" | cut -d' ' -f1)"
check_eq "--token-for export: /search is open" "200 -" "$(req '/search?q=Doha')"
check_eq "--token-for export: the page is open" "200" "$(req / | cut -d' ' -f1)"
stop_searchd

# --- a list ---
start_searchd "$db" --token-file "$tokfile" --token-for export,metrics,page || { not_ok "start searchd --token-for export,metrics,page"; exit 1; }
check_eq "--token-for export,metrics,page: /metrics is 401" "401 unauthorized" "$(req /metrics)"
check_eq "--token-for export,metrics,page: /static/app.css is 401" "401 unauthorized" "$(req /static/app.css)"
check_eq "--token-for export,metrics,page: /article/{id} is open" "200 -" "$(req /article/example-001)"
stop_searchd
done_testing
