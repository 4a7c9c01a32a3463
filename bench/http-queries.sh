#!/bin/sh
# bench/http-queries.sh - the fixed mixed query set of bench/http.sh, made
# from the Reuters-21578 articles themselves: one query (the text of q, as
# docs/QUERY.md writes it) a line on standard output.
#
#   bench/http-queries.sh DATA_DIR FILTERS [N]     (N defaults to 1200)
#
# DATA_DIR holds reut2-*.sgm.gz; FILTERS is a file of entity filters as
# /search's facets give them (person:"james baker", one a line).  The set
# is deterministic: the same files give the same queries, in the same
# order, on any machine (a fixed-seed Lehmer generator of our own, since
# awk's rand() differs between mawk and gawk).  About one article in 13
# gives a query; which kind is drawn with these shares:
#   28 %  1-3 consecutive words of the title            oil prices
#   20 %  1-3 words from the first 80 of the body       cocoa drought bahia
#   15 %  a phrase of 2-3 consecutive body words,       "bahia cocoa zone"
#         the first and last not stop words
#   15 %  1-2 title words and an entity filter          oil country:"saudi arabia"
#   12 %  1-2 title words and a date filter             oil date:1987-03
#    3 %  a trailing wildcard on a title word           cocoa*
#    7 %  an entity filter alone or with a date         org:opec date:1987-04
set -eu
if [ $# -lt 2 ] || [ $# -gt 3 ]; then
    echo "usage: bench/http-queries.sh DATA_DIR FILTERS [N]" >&2
    exit 2
fi
data=$1
filters=$2
n=${3:-1200}
for f in "$data"/reut2-*.sgm.gz; do
    [ -f "$f" ] || { echo "bench/http-queries.sh: $data: no reut2-*.sgm.gz" >&2; exit 1; }
done
[ -s "$filters" ] || { echo "bench/http-queries.sh: $filters: no filters" >&2; exit 1; }

gzip -dc "$data"/reut2-*.sgm.gz | LC_ALL=C awk -v filters="$filters" -v n="$n" '
BEGIN {
    seed = 20261128
    split("the and for that with this from have has was were are its but " \
          "not said will would been which they their also than into over " \
          "after about more other some could there what when who all any " \
          "per pct mln dlrs reuter inc corp", sw, " ")
    for (i in sw) stop[sw[i]] = 1
    while ((getline line < filters) > 0)
        if (line != "") filter[++nfilters] = line
    months = "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC"
}
# A Lehmer (MINSTD) step: exact in doubles, the same in every awk.
function rnd() { seed = (seed * 48271) % 2147483647; return seed / 2147483647 }
function pick(k) { return 1 + int(rnd() * k) }
# The lowercased alphabetic words of S into W; their number.  With CONTENT,
# only words of 3 letters or more that are not stop words.
function words(s, w, only_content,    t, k, i, m) {
    s = tolower(s)
    gsub(/&[#a-z0-9]+;/, " ", s)
    gsub(/[^a-z]+/, " ", s)
    k = split(s, t, " ")
    m = 0
    for (i = 1; i <= k; i++)
        if (!only_content || content(t[i]))
            w[++m] = t[i]
    return m
}
# K consecutive words of W (M of them) from a random start.
function run(w, m, k,    s, i, out) {
    if (k > m) k = m
    s = pick(m - k + 1)
    out = w[s]
    for (i = 1; i < k; i++) out = out " " w[s + i]
    return out
}
function content(word) { return length(word) >= 3 && !(word in stop) }
# A phrase of K consecutive words of W (M of them) that starts and ends
# with a content word, as people quote names and terms ("the dry period"
# is not one, "bahia cocoa" is); "" when a few tries find none.
function phrase(w, m, k,    s, t) {
    if (k > m) return ""
    for (t = 0; t < 8; t++) {
        s = pick(m - k + 1)
        if (content(w[s]) && content(w[s + k - 1]))
            return "\"" run_at(w, s, k) "\""
    }
    return ""
}
function run_at(w, s, k,    i, out) {
    out = w[s]
    for (i = 1; i < k; i++) out = out " " w[s + i]
    return out
}
function date_filter(    r, d) {
    r = rnd()
    if (date == "" || r < 0.2) return "year:1987"
    if (r < 0.6) return "date:" substr(date, 1, 7)
    d = substr(date, 9, 2) + 0
    d = d > 7 ? d - 7 : 1
    return sprintf("date:%s-%02d..%s", substr(date, 1, 7), d, date)
}
function emit(q) { if (q != "" && count < n) { print q; count++ } }
function query(    r, tw, tn, bw, bn, aw, an, k, q) {
    tn = words(title, tw, 1)
    bn = words(body, bw, 1)
    an = words(body, aw, 0)
    if (bn > 80) bn = 80
    r = rnd()
    if (r < 0.28 && tn > 0) emit(run(tw, tn, pick(3)))
    else if (r < 0.48 && bn > 0) {
        k = pick(3)
        q = bw[pick(bn)]
        while (--k > 0) q = q " " bw[pick(bn)]
        emit(q)
    } else if (r < 0.63 && an >= 3) emit(phrase(aw, an > 80 ? 80 : an, 1 + pick(2)))
    else if (r < 0.78 && tn > 0) emit(run(tw, tn, pick(2)) " " filter[pick(nfilters)])
    else if (r < 0.90 && tn > 0) emit(run(tw, tn, pick(2)) " " date_filter())
    else if (r < 0.93 && tn > 0 && length(tw[k = pick(tn)]) >= 5)
        emit(substr(tw[k], 1, 5) "*")
    else if (r >= 0.93)
        emit(filter[pick(nfilters)] (rnd() < 0.5 ? " " date_filter() : ""))
}
/<REUTERS/ { title = ""; body = ""; date = ""; inbody = 0 }
/<DATE>/ {
    # 26-FEB-1987 15:01:01.79 -> 1987-02-26
    split(substr($0, index($0, "<DATE>") + 6, 11), p, "-")
    date = sprintf("%s-%02d-%02d", p[3], (index(months, p[2]) + 3) / 4, p[1])
}
/<TITLE>/ {
    t = substr($0, index($0, "<TITLE>") + 7)
    sub(/<\/TITLE>.*/, "", t)
    title = t
}
/<BODY>/ { inbody = 1; $0 = substr($0, index($0, "<BODY>") + 6) }
inbody {
    if (index($0, "</BODY>")) { sub(/<\/BODY>.*/, ""); inbody = 0 }
    if (length(body) < 1200) body = body " " $0
}
/<\/REUTERS>/ { if (rnd() < 0.075) query() }
END {
    if (count < n) {
        printf "bench/http-queries.sh: only %d queries, not %d\n", count, n > "/dev/stderr"
        exit 1
    }
}'
