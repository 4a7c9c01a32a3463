#!/bin/sh
# Reuters-21578 SGML: each <REUTERS> element is an article with its NEWID,
# an ISO date, the title, the dateline opening the body, the "Reuter"
# sign-off cut; Latin-1 and SGML entities decoded.
. "$(dirname "$0")/lib.sh"

sgm="$SCRATCH/reut2-test.sgm"
{ printf '<!DOCTYPE lewis SYSTEM "lewis.dtd">\n'
  printf '<REUTERS TOPICS="YES" NEWID="1">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n'
  printf '<TOPICS><D>cocoa</D></TOPICS>\n<TEXT>&#2;\n<TITLE>BAHIA COCOA &lt;REVIEW&gt;</TITLE>\n'
  printf '<DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers continued in\n'
  printf 'the Bahia cocoa zone, M\374ller &amp; Co said.\n    A second paragraph.\n Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n'
  printf '<REUTERS NEWID="2">\n<DATE> 2-MAR-1987 09:01:52.31\t\t\tF</DATE>\n'
  printf '<TEXT TYPE="BRIEF">&#2;\n******<TITLE>BRIEF HEADLINE ONLY\n</TITLE>\n</TEXT>\n</REUTERS>\n'
  printf '<REUTERS NEWID="3">\n<DATE>19-MAR-1987 110:01:00.00</DATE>\n'
  printf '<TEXT TYPE="UNPROC">&#2;\nRAW TEXT OF AN UNPROCESSED STORY\n&#3;\n</TEXT>\n</REUTERS>\n'
  printf '<REUTERS NEWID="4">\n<DATE> 3-APR-1987 07:09:06.48</DATE>\n<TEXT TYPE="UNPROC">&#2;\n&#3;\n\n</TEXT>\n</REUTERS>\n'
} | gzip -c >"$sgm.gz"

"$INDEX" --extract "$sgm.gz" >"$SCRATCH/out" 2>"$SCRATCH/err"
check_eq "an element without any text is rejected: exit 1" 1 $?
check "it is named with its line and NEWID" \
    grep -q "^khabar-index: $sgm.gz:27: <REUTERS> element reuters21578-4 has neither TITLE nor text" "$SCRATCH/err"
check "three articles come out" grep -q "^khabar-index: 3 extracted, 0 skipped, 1 rejected" "$SCRATCH/err"
first=$(head -1 "$SCRATCH/out")
check_eq "id, date, title, source and lang" \
    "reuters21578-1 1987-02-26T15:01:01 BAHIA COCOA <REVIEW> reuters en" \
    "$(printf '%s' "$first" | jq -r '"\(.id) \(.date) \(.title) \(.source) \(.lang)"')"
check_eq "the dateline opens the body; Latin-1 decoded; sign-off cut" \
    "SALVADOR, Feb 26 - Showers continued in the Bahia cocoa zone, Müller & Co said.

A second paragraph." "$(printf '%s' "$first" | jq -r .body)"
check_eq "a BRIEF has its title only" "BRIEF HEADLINE ONLY null 1987-03-02T09:01:52" \
    "$(sed -n 2p "$SCRATCH/out" | jq -r '"\(.title) \(.body) \(.date)"')"
check_eq "an UNPROC story keeps its raw text; a bad time keeps the day" \
    "RAW TEXT OF AN UNPROCESSED STORY 1987-03-19" \
    "$(sed -n 3p "$SCRATCH/out" | jq -r '"\(.body) \(.date)"')"

reuters="$SHARED/corpus/reuters21578"
if [ ! -f "$reuters/reut2-017.sgm.gz" ]; then
    skip "the 18 Reuters-21578 files read" "needs ../shared/corpus/reuters21578 (absent)"
    skip "reut2-000 indexes 1000 articles" "needs ../shared/corpus/reuters21578 (absent)"
    done_testing; exit 0
fi
"$INDEX" --extract "$reuters" >"$SCRATCH/all" 2>"$SCRATCH/err"
# NEWID 12793 (reut2-012) is empty in the source: its TEXT holds only the
# wire's control codes, so it is rejected as an article with no text.
check_eq "the 18 Reuters-21578 files: 17,999 of 18,000 elements are articles, NEWID 12793 (empty) rejected" \
    "17999 1" "$(jq -r 'select(.id | startswith("reuters21578-")) | .id' "$SCRATCH/all" | sort -u | wc -l | tr -d ' ') $(grep -c 'reuters21578-12793 has neither' "$SCRATCH/err")"
"$INDEX" --db "$SCRATCH/index" "$reuters/reut2-000.sgm.gz" >"$SCRATCH/out" 2>&1
check "reut2-000 indexes 1000 articles" \
    grep -q "^khabar-index: 1000 added, 0 updated, 0 unchanged, 0 deleted, 0 skipped, 0 rejected" "$SCRATCH/out"
done_testing
