#!/usr/bin/env bash
# Differential check against Sisimai, the reference bounce decoder (Debian's libsisimai-perl): decodes the same
# bounce files with `mailtriage decode` and with Sisimai, and lists every recipient whose reason differs, with
# both answers. Sisimai is only run here; none of its code or tables are in the product.
#   tools/sisimai/diff.sh PATH...             (.eml files, mbox files, Maildir or plain folders)
# SISIMAI_LIB: a folder holding Sisimai.pm to use instead of the installed one (e.g. a newer Debian package
# unpacked with `dpkg-deb -x libsisimai-perl_5.3.0-1_all.deb DIR` → DIR/usr/share/perl5).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
(($#)) || { echo "usage: $0 PATH..." >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
perl ${SISIMAI_LIB:+-I"$SISIMAI_LIB"} -MSisimai -e 'print "sisimai ", $Sisimai::VERSION, "\n"' >&2
perl ${SISIMAI_LIB:+-I"$SISIMAI_LIB"} "$here/decode.pl" "$@" >"$work/sisimai.tsv"
"$root/mailtriage" decode "$@" >"$work/mailtriage.tsv" 2>"$work/mailtriage.err" || { cat "$work/mailtriage.err" >&2; exit 1; }
python3 "$here/join.py" "$work/mailtriage.tsv" "$work/sisimai.tsv"
