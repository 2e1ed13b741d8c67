#!/usr/bin/env bash
# Prints a few envelope v1 events (NDJSON) stamped with the current time, for the getting-started
# tour:  docs/examples/events.sh | ./sluice send -
# Lines 1-3 are good events, line 4 repeats line 1 (a duplicate), line 5 breaks the recsys-api.click
# schema (a SCHEMA_VIOLATION dead letter), line 6 is cut in the middle (NOT_JSON, kept as a dead letter).
set -euo pipefail
now="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
ms="$(date -u +%s)000"
run="$(date -u +%s)"
cat <<NDJSON
{"event_id":"tour-$run-1","source":"payment-service","event_type":"log","event_timestamp":"$now","payload":{"level":"INFO","message":"payment captured","amount_cents":4599,"currency":"EUR"},"metadata":{"host":"payment-1","env":"dev","service":"payments-api"}}
{"event_id":"tour-$run-2","source":"iot-gateway-west","event_type":"metric","event_timestamp":"$now","payload":{"device":"sensor-west-7","sensor":"temp","value":21.4,"battery_pct":88},"metadata":{"host":"gw-west-1","env":"dev","service":"iot-gateway"}}
{"event_id":"tour-$run-3","source":"recsys-api","event_type":"request","event_timestamp":"$now","payload":{"request_id":"6f1c2b8e-3d4a-4f5b-8c6d-7e8f9a0b1c2d","user_id":"a3f1c9e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0","timestamp_ms":$ms,"experiment_id":"exp-homepage-ranker-1","bucket":"treatment","k":10,"surface":"home","device_type":"web"},"metadata":{"host":"recsys-api-1","env":"dev","service":"recsys-api"}}
{"event_id":"tour-$run-1","source":"payment-service","event_type":"log","event_timestamp":"$now","payload":{"level":"INFO","message":"payment captured","amount_cents":4599,"currency":"EUR"},"metadata":{"host":"payment-1","env":"dev","service":"payments-api"}}
{"event_id":"tour-$run-5","source":"recsys-api","event_type":"click","event_timestamp":"$now","payload":{"request_id":"not-a-uuid","user_id":"user-42","timestamp_ms":$ms},"metadata":{"host":"recsys-api-1","env":"dev","service":"recsys-api"}}
{"event_id":"tour-$run-6","source":"payment-service","event_type":"log","event_timestamp":
NDJSON
