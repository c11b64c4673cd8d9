#!/usr/bin/env bash
# The README's first command as a new user meets it: a fresh clone with an empty target/, built by
# ./groundwork itself, then --version, doctor, the demo project made and a demo case opened on screen
# under Xvfb, its first frame written to a PNG. The user's own home, settings and demo are not touched.
# Needs git, xvfb (xvfb-run) and the GTK 3 library.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

git clone -q "$root" "$work/groundwork"
cd "$work/groundwork"
test ! -e app/target
export GROUNDWORK_JAVA_OPTS="-Dgroundwork.demo.dir=$work/demo -Dgroundwork.preferences.node=org/groundwork/fresh-clone-check"

echo "--- ./groundwork --version (builds the fresh clone)"
start=$(date +%s)
./groundwork --version
echo "first start, build included: $(( $(date +%s) - start )) s"

echo "--- ./groundwork doctor"
xvfb-run -a ./groundwork doctor

echo "--- ./groundwork demo --no-window"
./groundwork demo --no-window
test -f "$work/demo/knee-demo-project/project.groundwork"

echo "--- ./groundwork open --screenshot on a demo case, under Xvfb"
shot="$root/target/fresh-clone-demo.png"
mkdir -p "$(dirname "$shot")"
rm -f "$shot"
timeout 300 xvfb-run -a -s "-screen 0 1400x900x24" ./groundwork open --screenshot "$shot" "$work/demo/images/knee-01"
test -s "$shot"
echo "demo case on screen, written to $shot"

echo "--- the second start maps the class archive the first one wrote"
test -s app/target/groundwork-classes.jsa
rm -f "$shot"
timeout 300 xvfb-run -a -s "-screen 0 1400x900x24" ./groundwork open --screenshot "$shot" "$work/demo/images/knee-01" 2>&1 \
  | tee "$work/second-start.log"
test -s "$shot"
if grep -qi "sharing\|\[cds\]" "$work/second-start.log"; then
  echo "error: the class archive was refused" >&2
  exit 1
fi
