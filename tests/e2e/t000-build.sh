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
if [ "$(id -u)" -eq 0 ] && command -v su >/dev/null; then
    # A copy of the Makefile where the user can read it, wherever the
    # checkout is.
    userdir=$(mktemp -d /tmp/khabar-deps.XXXXXX)
    chmod 755 "$userdir" && cp "$KHABAR_TOP/Makefile" "$userdir/" &&
        mkdir -p "$userdir/tests/fuzz" && cp "$KHABAR_TOP/tests/fuzz/fuzz.mk" "$userdir/tests/fuzz/"
    out=$(su nobody -s /bin/sh -c "make -s -C '$userdir' deps TEST_PACKAGES='jq khabar-no-such-package'" 2>&1)
    status=$?
    check_eq "make deps as a user, with a package missing, fails" 1 "$([ $status -ne 0 ] && echo 1)"
    check "and prints the exact apt-get line" sh -c "printf '%s\n' \"\$1\" |
        grep -qx '    apt-get install -y --no-install-recommends khabar-no-such-package'" - "$out"
    rm -rf "$userdir"
else
    skip "make deps as a user" "needs root to switch to an unprivileged user"
    skip "make deps prints the apt-get line" "needs root"
fi
done_testing
