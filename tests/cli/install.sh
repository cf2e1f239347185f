# `cmake --install` puts the library, concord.h, concord.pc, the binary and
# the man page in place, and a program builds against them with pkg-config.
source "$(dirname "$0")/lib.sh"
build=$(dirname "$CONCORD")
prefix=$WORK/prefix
cmake --install "$build" --prefix "$prefix" >install.log 2>&1 || fail "cmake --install failed: $(tail -5 install.log)"
libdir=$(ls -d "$prefix"/lib*/ | head -n 1)
for f in bin/concord include/concord.h share/man/man1/concord.1; do
    [[ -f $prefix/$f ]] || fail "$f not installed"
done
[[ -f $libdir/pkgconfig/concord.pc ]] || fail "concord.pc not installed"
ls "$libdir"/libconcord.so* >/dev/null 2>&1 || fail "shared library not installed"
[[ -f $libdir/libconcord.a ]] || fail "static library not installed"
man -l "$prefix/share/man/man1/concord.1" 2>/dev/null | grep -q 'concord dedup' || \
    grep -q 'concord dedup' "$prefix/share/man/man1/concord.1" || fail "man page lacks dedup"

cat >use.c <<'C'
#include <concord.h>
#include <stdio.h>
#include <string.h>
int main(void)
{
    const char *t = "The same words in the same order, give or take case.";
    concord_dedup *d;
    if (concord_dedup_create(&d, NULL)) return 1;
    concord_dedup_add(d, "a", 1, t, strlen(t));
    concord_dedup_add(d, "b", 1, "THE SAME WORDS in the same order -- give or take case!", 54);
    if (concord_dedup_run(d)) return 1;
    const concord_pair *p = concord_dedup_pair(d, 0);
    printf("%zu %s\n", concord_dedup_pair_count(d), p ? concord_relation_name(p->relation) : "-");
    concord_dedup_free(d);
    return 0;
}
C
flags=""
grep -q '^CONCORD_SANITIZE:BOOL=ON' "$build/CMakeCache.txt" && flags="-fsanitize=address,undefined"
export PKG_CONFIG_PATH=$libdir/pkgconfig
# shellcheck disable=SC2046,SC2086
cc -std=c17 $flags use.c -o use $(pkg-config --cflags --libs concord) >cc.log 2>&1 || fail "build against the installed library failed: $(cat cc.log)"
out=$(LD_LIBRARY_PATH=$libdir ./use 2>&1)
[[ $out == "1 exact" ]] || fail "program using the installed library printed '$out'"
"$prefix/bin/concord" --version | grep -q '^concord ' || fail "installed binary does not run"
finish
