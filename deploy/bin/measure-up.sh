#!/usr/bin/env bash
# Measures ./sluice up on a built tree (issue 6's figures):
#   1. seconds from `./sluice up --detach` to ready, and to the first demo event queryable in Trino
#      (SELECT count(*) FROM iceberg.telemetry.events > 0);
#   2. peak RSS of the launcher and all its descendants (VmRSS summed from /proc every second),
#      from the start until the first event is queryable plus SETTLE seconds of demo traffic.
# Usage: deploy/bin/measure-up.sh [--port-base N] [--settle SECONDS] [--max-wait SECONDS]
# It uses a fresh temporary data directory and stops everything at the end.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
port_base=27500 settle=60 max_wait=300
while [ $# -gt 0 ]; do
  case "$1" in
    --port-base) port_base="$2"; shift 2 ;;
    --settle) settle="$2"; shift 2 ;;
    --max-wait) max_wait="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
dir="$(mktemp -d /tmp/sluice-measure-XXXX)"
rss_log="$dir.rss"
peak=0

sample_rss() {
  local pid pids total p r
  pid="$(cat "$dir/sluice.pid" 2>/dev/null || true)"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  pids="$pid"
  for _ in 1 2 3 4; do
    for p in $pids; do pids="$pids $(pgrep -P "$p" | tr '\n' ' ')"; done
    pids="$(echo $pids | tr ' ' '\n' | sort -u | tr '\n' ' ')"
  done
  total=0
  for p in $pids; do r="$(awk '/VmRSS/{print $2}' "/proc/$p/status" 2>/dev/null || true)"; total=$((total + ${r:-0})); done
  if [ "$total" -gt "$peak" ]; then peak=$total; fi
  echo "$(date +%T) ${total} kB $(echo $pids | wc -w) processes" >>"$rss_log"
}

# SELECT count(*) FROM iceberg.telemetry.events through Trino's HTTP protocol (no CLI JVM start per poll).
trino_count() {
  local url
  url="$(sed -n 's/^SLUICE_TRINO_URL=//p' "$dir/endpoints.env" 2>/dev/null)"
  [ -n "$url" ] || return 0
  python3 - "$url" <<'PY' 2>/dev/null || true
import json, sys, urllib.request
url = sys.argv[1]
req = urllib.request.Request(url + "/v1/statement", data=b"SELECT count(*) FROM iceberg.telemetry.events",
                             headers={"X-Trino-User": "measure"}, method="POST")
page = json.load(urllib.request.urlopen(req, timeout=10))
rows = []
while True:
    rows += page.get("data", [])
    if page.get("error") or not page.get("nextUri"):
        break
    page = json.load(urllib.request.urlopen(urllib.request.Request(page["nextUri"], headers={"X-Trino-User": "measure"}), timeout=10))
print(rows[0][0] if rows else "")
PY
}

cleanup() { "$here/sluice" down --data-dir "$dir" >/dev/null 2>&1 || true; }
trap cleanup EXIT

start=$(date +%s.%N)
"$here/sluice" up --detach --data-dir "$dir" --port-base "$port_base" >"$dir.up.log" 2>&1 &
up_pid=$!
ready="" first=""
deadline=$(( $(date +%s) + max_wait ))
while [ "$(date +%s)" -lt "$deadline" ]; do
  sample_rss
  if [ -z "$ready" ] && [ -f "$dir/run/ready" ]; then ready=$(date +%s.%N); fi
  if [ -n "$ready" ] && [ -z "$first" ]; then
    n="$(trino_count)"
    if [ -n "$n" ] && [ "$n" -gt 0 ]; then first=$(date +%s.%N); break; fi
  fi
  if ! kill -0 "$up_pid" 2>/dev/null && [ -z "$ready" ]; then cat "$dir.up.log"; echo "up failed" >&2; exit 1; fi
  sleep 0.5
done
for _ in $(seq 1 "$settle"); do sample_rss; sleep 1; done
printf 'up --detach to ready:              %s s\n' "$([ -n "$ready" ] && echo "$ready - $start" | bc || echo 'not ready')"
printf 'up --detach to first event in Trino: %s s\n' "$([ -n "$first" ] && echo "$first - $start" | bc || echo "none within ${max_wait} s (is the pipeline available? see $dir/endpoints.json)")"
printf 'peak RSS, all processes:           %d MiB (samples: %s)\n' $((peak / 1024)) "$rss_log"
grep -E 'pipeline ' "$dir.up.log" || true
