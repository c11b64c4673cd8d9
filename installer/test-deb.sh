#!/usr/bin/env bash
# Builds the Linux package and checks it as a radiology department would meet it: unpacked into an
# empty root, its class-data sharing archive made as its postinst makes it, started with no network
# and an empty home folder (so the model engine must come from the bundled library), `doctor`
# passing, and the application opening a volume under Xvfb, writing its first frame to
# installer/target/installed-first-frame.png and exiting 0.
# Needs dpkg-deb, fakeroot, xvfb, util-linux (unshare) and Debian's python3-pydicom/nibabel.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$root" && mvn -B -q -Pinstaller package -DskipTests)
deb="$(ls "$root"/installer/target/dist/*.deb)"
echo "installer: $(basename "$deb"), $(( $(stat -c %s "$deb") / 1000000 )) MB"

dpkg-deb -x "$deb" "$work/root"
launcher="$work/root/opt/groundwork/bin/groundwork"

echo "--- class-data sharing archive, made as postinst makes it (dpkg-deb -x runs no scripts)"
dpkg-deb -e "$deb" "$work/control"
grep -q "sh /opt/groundwork/lib/app/make-class-archive.sh" "$work/control/postinst"
grep -q "rm -f /opt/groundwork/lib/app/groundwork.jsa" "$work/control/prerm"
sh "$work/root/opt/groundwork/lib/app/make-class-archive.sh"
echo "archive: $(( $(stat -c %s "$work/root/opt/groundwork/lib/app/groundwork.jsa") / 1000000 )) MB"
# -Xshare:on makes a launcher whose class path does not match the archive fail instead of starting without it.
JAVA_TOOL_OPTIONS="-Xshare:on" "$launcher" --version
mkdir -p "$work/home"
# The JVM takes its home folder from the user database, not $HOME: point it at the empty one.
export JAVA_TOOL_OPTIONS="-Duser.home=$work/home"

echo "--- doctor, no network, empty home"
timeout 180 unshare -n "$launcher" doctor

echo "--- open a volume under Xvfb, no network"
/usr/bin/python3 "$root/src/test/resources/conformance/make_series.py" "$work/series" 128 128 40
shot="$root/installer/target/installed-first-frame.png"
rm -f "$shot"
start=$(date +%s%N)
timeout 180 unshare -n xvfb-run -a -s "-screen 0 1400x900x24" "$launcher" open --screenshot "$shot" "$work/series"
echo "launch to first image on screen: $(( ($(date +%s%N) - start) / 1000000 )) ms (includes Xvfb start)"
test -s "$shot"
echo "first frame written to $shot"
