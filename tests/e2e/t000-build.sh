#!/bin/sh
# The build: a second make with nothing changed does nothing, and
# make deps is quick when every package is present.
. "$(dirname "$0")/lib.sh"

case "$KHABAR_BUILD" in
*/san) sanitize=SANITIZE=address,undefined ;;
*) sanitize= ;;
esac
check "make with nothing changed is up to date (make -q)" \
    make -q -C "$KHABAR_TOP" $sanitize all
check "make -n with nothing changed would run no command" \
    sh -c "[ -z \"\$(make -n -s -C '$KHABAR_TOP' $sanitize all)\" ]"
check "make deps succeeds when everything is installed" \
    make -s -C "$KHABAR_TOP" deps
done_testing
