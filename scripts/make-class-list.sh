#!/usr/bin/env bash
# Writes installer/src/main/packaging/groundwork.classlist: the classes one workstation start loads
# (the window, then a 384 x 384 x 160 series opened and drawn), from which the installed package
# makes its class-data sharing archive. Run it again when the start changes much; a class the list
# names that no longer exists is skipped, one it misses is loaded as without an archive.
# Needs xvfb and /usr/bin/python3 with numpy.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$root/groundwork" --version >/dev/null # builds when needed
/usr/bin/python3 "$root/src/test/resources/conformance/make_series.py" "$work/series" 384 384 160 >/dev/null
GROUNDWORK_JAVA_OPTS="-XX:DumpLoadedClassList=$work/classes" xvfb-run -a -s "-screen 0 1600x900x24" \
  "$root/groundwork" open "$work/series" --screenshot "$work/shot.png" >/dev/null 2>&1
# Classes from a loader of their own name the file they came from on this machine: left out.
grep -v -e '^#' -e 'source:' "$work/classes" > "$root/installer/src/main/packaging/groundwork.classlist"
wc -l < "$root/installer/src/main/packaging/groundwork.classlist"
