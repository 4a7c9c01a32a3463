#!/bin/sh
# Relevance measured (docs/RELEVANCE.md): khabar-relevance on the Hamshahri
# Persian collection reaches the MAP target, and the queries typed with a
# Persian keyboard's yeh and kaf score exactly as with the Arabic letters
# the corpus uses.  Needs ../shared/corpus; indexing it takes about 35 s,
# so the sanitizer build skips it.
. "$(dirname "$0")/lib.sh"

TOOL="$KHABAR_BUILD/khabar-relevance"
HAMSHAHRI="$SHARED/corpus/hamshahri-persian"
TARGET=0.790
if [ ! -d "$HAMSHAHRI" ]; then
    skip "Hamshahri MAP" "no $HAMSHAHRI"
elif [ ! -x "$TOOL" ]; then
    skip "Hamshahri MAP" "$TOOL not built"
else
    case "$KHABAR_BUILD" in
    */san) skip "Hamshahri MAP" "too slow under the sanitizers" ;;
    *)
        "$TOOL" --index "$SCRATCH/h" hamshahri "$HAMSHAHRI" >"$SCRATCH/ar.txt" 2>&1
        "$TOOL" --index "$SCRATCH/h" --persian-keyboard hamshahri "$HAMSHAHRI" \
            >"$SCRATCH/fa.txt" 2>&1
        map=$(awk '{ for (i = 1; i < NF; i++) if ($i == "MAP") print $(i + 1) }' "$SCRATCH/ar.txt")
        check "Hamshahri MAP ${map:-?} >= $TARGET over 30 queries" \
            awk -v m="${map:-0}" -v t="$TARGET" 'BEGIN { exit !(m + 0 >= t) }'
        check_eq "Persian-keyboard queries score as the Arabic-letter ones" \
            "$(sed 's/^/  /' "$SCRATCH/ar.txt")" "$(sed 's/^/  /' "$SCRATCH/fa.txt")"
        ;;
    esac
fi
done_testing
