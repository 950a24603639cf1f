#!/usr/bin/env bash
# -o onto something that is not a regular file: a FIFO and a character device
# are written through in place and stay what they were (renaming a temporary
# file over them would replace /dev/null, or a pipe another program reads, with
# a plain file); a folder is refused. Only /dev/null and /dev/full are used as
# devices, and only to write through them.
# usage: output_to_special_files.sh GOVMAP
set -euo pipefail
GOVMAP=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
reader=
trap '[ -n "$reader" ] && kill "$reader" 2>/dev/null; rm -rf "$work"' EXIT
cd "$root"

"$GOVMAP" --db "$work/t.db" import maps/example >/dev/null
"$GOVMAP" --db "$work/t.db" export --format graphml >"$work/expected.graphml"

# A FIFO: the bytes arrive through it and it is still a FIFO afterwards.
mkfifo "$work/pipe"
cat "$work/pipe" >"$work/received.graphml" &
reader=$!
"$GOVMAP" --db "$work/t.db" export --format graphml -o "$work/pipe"
wait "$reader"
reader=
[ -p "$work/pipe" ] || { echo "the FIFO was replaced by a regular file"; exit 1; }
cmp -s "$work/expected.graphml" "$work/received.graphml" || { echo "the FIFO did not carry the export"; exit 1; }

# /dev/null: written through, still a character device.
"$GOVMAP" --db "$work/t.db" export --format graphml -o /dev/null
[ -c /dev/null ] || { echo "/dev/null is no longer a character device"; exit 1; }

# /dev/full: written through, so the write fails with a message and exit 2.
if [ -c /dev/full ]; then
  set +e
  "$GOVMAP" --db "$work/t.db" export --format graphml -o /dev/full 2>"$work/err"
  rc=$?
  set -e
  [ $rc = 2 ] || { echo "export -o /dev/full: expected exit 2, got $rc"; exit 1; }
  grep -q "/dev/full: cannot write: No space left on device" "$work/err" || { echo "unclear message:"; cat "$work/err"; exit 1; }
  [ -c /dev/full ] || { echo "/dev/full is no longer a character device"; exit 1; }
fi

# A folder is refused, and left alone.
mkdir "$work/folder"
set +e
"$GOVMAP" --db "$work/t.db" export --format graphml -o "$work/folder" 2>"$work/err"
rc=$?
set -e
[ $rc = 2 ] || { echo "export -o FOLDER: expected exit 2, got $rc"; exit 1; }
grep -q "is a folder, not a file name" "$work/err" || { echo "unclear message:"; cat "$work/err"; exit 1; }
[ -d "$work/folder" ] && [ -z "$(ls -A "$work/folder")" ] || { echo "the folder was changed"; exit 1; }
echo "output_to_special_files: a FIFO and /dev/null are written through and stay as they were; /dev/full fails with exit 2; a folder is refused"
