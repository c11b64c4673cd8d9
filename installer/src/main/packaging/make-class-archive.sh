#!/bin/sh
# Makes the class-data sharing archive the launcher maps at every start (lib/app/groundwork.jsa): the
# classes named in groundwork.classlist, loaded, verified and laid out once, here. A Java 17 archive
# records the paths of the jars it was made from, so it is made where the package is installed; the
# Linux package's postinst runs this. Without the archive the workstation starts as before, slower.
set -e
app="$(cd "$(dirname "$0")" && pwd)"
classpath="$(sed -n 's/^app\.classpath=//p' "$app/groundwork.cfg" | sed "s|\$APPDIR|$app|g" | paste -sd: -)"
rm -f "$app/groundwork.jsa"
"$app/../runtime/bin/java" -Xshare:dump -XX:SharedClassListFile="$app/groundwork.classlist" \
  -XX:SharedArchiveFile="$app/groundwork.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off -cp "$classpath" >/dev/null
