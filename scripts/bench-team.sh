#!/usr/bin/env bash
# Runs `groundwork bench team` against a throw-away PostgreSQL 15 cluster made in a temporary folder
# (Debian's postgresql package; under root the cluster belongs to the postgres user, as PostgreSQL
# refuses to run as root), then removes it. Extra arguments go to the benchmark.
#   scripts/bench-team.sh            commit latency, lost or doubled edits, lease handover
#   scripts/bench-team.sh --cut      a 100 s session in which the server is stopped from 20 s to 80 s
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin=/usr/lib/postgresql/15/bin
work="$(mktemp -d)"
as_pg=()
[ "$(id -u)" = 0 ] && as_pg=(runuser -u postgres --)
port=$(( 20000 + RANDOM % 20000 ))
password="bench-$RANDOM$RANDOM"
echo "$password" > "$work/pw"
echo "127.0.0.1:$port:*:bench:$password" > "$work/pgpass"
chmod 600 "$work/pgpass"
[ "$(id -u)" = 0 ] && chown -R postgres:postgres "$work" && chown root "$work/pgpass"
stop() { "${as_pg[@]}" "$bin/pg_ctl" -D "$work/data" -m immediate -w stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap stop EXIT
"${as_pg[@]}" "$bin/initdb" -D "$work/data" -U bench --pwfile="$work/pw" -A scram-sha-256 -E UTF8 >/dev/null
"${as_pg[@]}" "$bin/pg_ctl" -D "$work/data" -l "$work/server.log" -w \
  -o "-p $port -k $work -c listen_addresses=127.0.0.1" start >/dev/null
PGPASSFILE="$work/pgpass" PGPASSWORD="$password" "$bin/psql" -h 127.0.0.1 -p "$port" -U bench -d postgres \
  -qc "CREATE DATABASE team" >/dev/null
version=$("$bin/postgres" --version)
echo "$version on 127.0.0.1:$port, $(nproc) cores"
url="postgresql://bench@127.0.0.1:$port/team"
if [ "${1:-}" = "--cut" ]; then
  shift
  (sleep 20; "${as_pg[@]}" "$bin/pg_ctl" -D "$work/data" -m immediate -w stop >/dev/null
   echo "server stopped at 20 s"; sleep 60
   "${as_pg[@]}" "$bin/pg_ctl" -D "$work/data" -l "$work/server.log" -w \
     -o "-p $port -k $work -c listen_addresses=127.0.0.1" start >/dev/null; echo "server started at 80 s") &
  PGPASSFILE="$work/pgpass" "$root/groundwork" bench team "$url" --session-seconds 100 --think-ms 250 "$@"
  wait
else
  PGPASSFILE="$work/pgpass" "$root/groundwork" bench team "$url" "$@"
fi
