#!/bin/sh
# A Persian article is found whatever keyboard typed the query: Arabic or
# Persian yeh and kaf, a ZWNJ compound joined, with its ZWNJ or spaced,
# Persian or ASCII digits, with harakat (docs/RELEVANCE.md).
. "$(dirname "$0")/lib.sh"

db="$SCRATCH/index"
# Typed as Hamshahri is: Arabic yeh (U+064A) and kaf (U+0643); a ZWNJ in
# "می‌روم" and "کتاب‌ها"; the year in Persian digits.
printf '%s\n' '{"id":"fa-1","lang":"fa","title":"كتاب‌هاي تازه","body":"هر سال به نمايشگاه مي‌روم.\n\nسال ۱۳۸۶ بود."}' \
    '{"id":"en-1","lang":"en","title":"Book fair","body":"Books every year."}' >"$SCRATCH/a.jsonl"
"$INDEX" --db "$db" "$SCRATCH/a.jsonl" >/dev/null || { not_ok "index the articles"; exit 1; }
start_searchd "$db" || { not_ok "start searchd"; exit 1; }

# finds NAME QUERY: the query, URL-encoded, finds fa-1 first.
finds() {
    q=$(printf %s "$2" | jq -sRr @uri)
    get "/search?q=$q" >"$SCRATCH/r.json"
    check_eq "$1" "200 fa-1" "$(status) $(jq -r '.hits[0].id // "none"' "$SCRATCH/r.json")"
}
finds "Arabic letters, as the article" "مي‌روم"
finds "Persian keyboard yeh (U+06CC)" "میروم"
finds "ZWNJ compound typed with its ZWNJ" "می‌روم"
finds "ZWNJ compound typed joined" "ميروم"
finds "ZWNJ compound typed spaced" "می روم"
finds "Persian keyboard kaf (U+06A9) and yeh" "کتابهای"
finds "kaf and yeh with ZWNJ" "کتاب‌های"
finds "Persian digits as ASCII" "1386"
finds "Persian digits as typed" "۱۳۸۶"
finds "with harakat and tatweel" "نَمايشـگاه"
finds "with a lang:fa filter" "نمایشگاه lang:fa"
done_testing
