#!/usr/bin/env bash
# Loads one 384x384x160 16-bit sagittal MR series (real anatomy texture) in Groundwork and in its peers,
# in the same run on the same machine, and prints a Markdown table for docs/benchmarks.md.
#   Groundwork: ./groundwork bench load (one JVM, warm-up, median of repeated loads)
#   dcm2niix:   whole conversion of the same folder (-z n), median of 5 process runs
#   nibabel:    np.asanyarray(nib.load(f).dataobj), median of 7 in one Python process
# Needs Debian's dcm2niix, libgdcm-tools, python3-pydicom, python3-nibabel (as .ci/run installs).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
py=/usr/bin/python3

"$py" "$root/src/test/resources/conformance/make_series.py" "$work/explicit" 384 384 160
for pair in "J:jpeg-lossless" "K:j2k-lossless"; do
  mkdir -p "$work/${pair#*:}"
  ls "$work/explicit" | xargs -P "$(nproc)" -I{} gdcmconv "-${pair%%:*}" "$work/explicit/{}" "$work/${pair#*:}/{}"
done
"$root/groundwork" convert "$work/explicit" "$work/series.nii.gz" >/dev/null

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

dcm2niix_ms() {
  for _ in 1 2 3 4 5; do
    rm -rf "$work/out" && mkdir "$work/out"
    start=$(date +%s%N)
    dcm2niix -z n -f x -o "$work/out" "$1" >/dev/null
    echo $(( ($(date +%s%N) - start) / 1000000 ))
  done | median
}

groundwork_ms() {
  "$root/groundwork" bench load "$1" --repeat 10 --warmup 3 | sed -n 's/.*median \([0-9.]*\) ms.*/\1/p'
}

nibabel_ms() {
  "$py" - "$1" <<'PY'
import sys, timeit, nibabel as nib, numpy as np
t = timeit.repeat(lambda: np.asanyarray(nib.load(sys.argv[1]).dataobj), number=1, repeat=7)
print("%.1f" % (sorted(t)[3] * 1000))
PY
}

voxel_mb=$(( 384 * 384 * 160 * 2 / 1000000 ))
heap_mib=$(( (384 * 384 * 160 * 2 * 13 / 10 + 64 * 1000000) / 1048576 ))

echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(java -version 2>&1 | head -1); $(date -u +%F)"
echo
echo "| series (384x384x160, 16-bit, ${voxel_mb} MB of voxels) | Groundwork median ms | peer | peer ms | ratio | Groundwork with -Xmx${heap_mib}m (1.3x voxels + 64 MB) |"
echo "|---|---|---|---|---|---|"
for name in explicit jpeg-lossless j2k-lossless; do
  ours=$(groundwork_ms "$work/$name")
  capped=$(GROUNDWORK_JAVA_OPTS="-Xmx${heap_mib}m" "$root/groundwork" bench load "$work/$name" --repeat 5 --warmup 2 \
    | sed -n 's/.*median \([0-9.]*\) ms.*/\1 ms/p' || echo "failed")
  peer=$(dcm2niix_ms "$work/$name")
  echo "| DICOM $name | $ours | dcm2niix -z n | $peer | $(awk "BEGIN {printf \"%.2f\", $ours / $peer}") | $capped |"
done
ours=$(groundwork_ms "$work/series.nii.gz")
peer=$(nibabel_ms "$work/series.nii.gz")
capped=$(GROUNDWORK_JAVA_OPTS="-Xmx${heap_mib}m" "$root/groundwork" bench load "$work/series.nii.gz" --repeat 5 --warmup 2 \
  | sed -n 's/.*median \([0-9.]*\) ms.*/\1 ms/p' || echo "failed")
echo "| NIfTI .nii.gz | $ours | nibabel dataobj | $peer | $(awk "BEGIN {printf \"%.2f\", $ours / $peer}") | $capped |"

# Writing .nii.gz: the whole `groundwork convert` command (JVM start included) against
# `dcm2niix -z y` on the same folder, median of 5 runs each, alternating.
convert_ms=(); peer_ms=()
for _ in 1 2 3 4 5; do
  start=$(date +%s%N)
  "$root/groundwork" convert "$work/explicit" "$work/ours.nii.gz" >/dev/null
  convert_ms+=($(( ($(date +%s%N) - start) / 1000000 )))
  rm -rf "$work/out" && mkdir "$work/out"
  start=$(date +%s%N)
  dcm2niix -z y -b n -f x -o "$work/out" "$work/explicit" >/dev/null
  peer_ms+=($(( ($(date +%s%N) - start) / 1000000 )))
done
ours=$(printf '%s\n' "${convert_ms[@]}" | median)
peer=$(printf '%s\n' "${peer_ms[@]}" | median)
echo
echo "| writing .nii.gz | Groundwork convert ms | dcm2niix -z y ms | ratio | sizes (bytes) |"
echo "|---|---|---|---|---|"
echo "| DICOM explicit → .nii.gz | $ours | $peer | $(awk "BEGIN {printf \"%.2f\", $ours / $peer}") |" \
  "$(stat -c %s "$work/ours.nii.gz") vs $(stat -c %s "$work/out/x.nii.gz") |"
