#!/usr/bin/env bash
# Start-up: launch to the first image on screen, Groundwork next to the floor of this machine (a bare
# JavaFX window with an image made in memory), each with its own class-data sharing archive, under
# Xvfb, alternating, five runs each after one that writes the archives; then one more start of each
# with the JIT compilers' time (-XX:+CITime) and the process's CPU time, which say what the cores did.
#   Groundwork: ./groundwork open <384x384x160 explicit-VR series> --screenshot out.png
#   floor:      scripts/start-floor/BareWindow.java against the same JavaFX jars
# Needs xvfb and /usr/bin/python3 with numpy (the series generator). Prints a Markdown table.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
runs="${1:-5}"

"$root/groundwork" --version >/dev/null # builds when needed
/usr/bin/python3 "$root/src/test/resources/conformance/make_series.py" "$work/series" 384 384 160 >/dev/null
javafx="$(ls "$root"/app/target/lib/javafx-*.jar | tr '\n' ':')"
javac -d "$work/floor" -cp "$javafx" "$root/scripts/start-floor/BareWindow.java"
(cd "$work/floor" && jar cf ../floor.jar ./*.class)
floor_cp="${javafx}$work/floor.jar"
screen=(xvfb-run -a -s "-screen 0 1600x900x24")

groundwork_start() {
  "${screen[@]}" "$root/groundwork" open "$work/series" --screenshot "$work/shot.png" 2>&1 \
    | sed -n 's/.*\(main window shown\|first image on screen\) \([0-9]*\) ms.*/\2/p' | paste -sd' '
}
floor_start() {
  "${screen[@]}" java -XX:SharedArchiveFile="$work/floor.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
    -cp "$floor_cp" 'BareWindow$Main' 2>/dev/null | sed -n 's/.* \([0-9]*\) ms after.*/\1/p' | paste -sd' '
}

# The first start of each writes its archive.
groundwork_start >/dev/null
"${screen[@]}" java -XX:ArchiveClassesAtExit="$work/floor.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
  -cp "$floor_cp" 'BareWindow$Main' >/dev/null 2>&1

ours=(); floor=()
for _ in $(seq "$runs"); do
  ours+=("$(groundwork_start)")
  floor+=("$(floor_start)")
done
range() { sort -n | awk 'NR == 1 {min = $1} {max = $1} END {print min "–" max}'; }
column() { printf '%s\n' "${@:2}" | awk -v c="$1" '{print $c}' | range; }

echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(java -version 2>&1 | head -1); $(date -u +%F)"
echo
echo "| $runs runs each, ms since the JVM started | window shown | first image on screen |"
echo "|---|---|---|"
echo "| Groundwork, 160-slice explicit-VR series | $(column 1 "${ours[@]}") | $(column 2 "${ours[@]}") |"
echo "| bare JavaFX window with an image in memory | $(column 1 "${floor[@]}") | $(column 2 "${floor[@]}") |"

cpu_and_jit() {
  sed -n 's/^cpu \(.*\)/CPU \1 s/p; s/^ *C1 {[^;]*; standard: *\([0-9.]*\) s.*/JIT C1 \1 s/p;
          s/^ *C2 {[^;]*; standard: *\([0-9.]*\) s.*/C2 \1 s/p' | paste -sd' '
}
echo
echo "One more start each, -XX:+CITime (compile time summed over the compiler threads) and user+system CPU:"
echo "- Groundwork: $(GROUNDWORK_JAVA_OPTS=-XX:+CITime "${screen[@]}" /usr/bin/time -f 'cpu %U+%S' "$root/groundwork" open \
  "$work/series" --screenshot "$work/shot.png" 2>&1 | cpu_and_jit)"
echo "- floor: $("${screen[@]}" /usr/bin/time -f 'cpu %U+%S' java -XX:+CITime -XX:SharedArchiveFile="$work/floor.jsa" \
  -Xlog:cds=off -Xlog:cds+dynamic=off -cp "$floor_cp" 'BareWindow$Main' 2>&1 | cpu_and_jit)"
