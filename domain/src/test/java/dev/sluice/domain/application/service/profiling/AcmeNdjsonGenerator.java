package dev.sluice.domain.application.service.profiling;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * An endless-looking NDJSON stream of ACME video telemetry events (seed 002), generated on the fly
 * from a seed: no file, and only the current record in memory. It stops after a number of records
 * or once a number of bytes have been produced (at a record boundary).
 */
public final class AcmeNdjsonGenerator extends InputStream {

    private static final String[] EVENT_TYPES = {"start", "stop", "pause", "resume", "complete"};
    private static final String[] DEVICE_TYPES = {"mobile", "web", "tv", "tablet"};
    private static final String[] DEVICE_OS = {"iOS", "Android", "Windows", "macOS", "tvOS", "Tizen", "webOS"};
    private static final String[] QUALITIES = {"SD", "HD", "4K"};
    private static final String[] CONNECTIONS = {"wifi", "mobile", "fiber", "cable", "dsl", "satellite"};
    private static final String[] ISPS = {"Comcast", "Verizon", "AT&T", "Spectrum", "Cox", "Vodafone", "Orange"};
    private static final String[][] PLACES = {
            {"United States", "California", "Los Angeles"}, {"United States", "Texas", "Austin"},
            {"United States", "New York", "New York"}, {"Canada", "Ontario", "Toronto"},
            {"Germany", null, "Berlin"}, {"France", null, "Paris"}, {"Japan", null, "Tokyo"}};
    private static final long BASE_MILLIS = Instant.parse("2025-08-11T00:00:00Z").toEpochMilli();

    private final long maxRecords;
    private final long maxBytes;
    private final SplittableRandom random;
    private final StringBuilder line = new StringBuilder(1024);
    private byte[] current = new byte[0];
    private int offset;
    private long records;
    private long bytes;

    private AcmeNdjsonGenerator(long maxRecords, long maxBytes, long seed) {
        this.maxRecords = maxRecords;
        this.maxBytes = maxBytes;
        this.random = new SplittableRandom(seed);
    }

    public static AcmeNdjsonGenerator ofRecords(long records, long seed) {
        return new AcmeNdjsonGenerator(records, Long.MAX_VALUE, seed);
    }

    public static AcmeNdjsonGenerator ofBytes(long bytes, long seed) {
        return new AcmeNdjsonGenerator(Long.MAX_VALUE, bytes, seed);
    }

    public long records() {
        return records;
    }

    public long bytes() {
        return bytes;
    }

    @Override
    public int read() {
        if (offset == current.length && !nextRecord()) {
            return -1;
        }
        return current[offset++] & 0xFF;
    }

    @Override
    public int read(byte[] target, int off, int len) {
        if (len == 0) {
            return 0;
        }
        int written = 0;
        while (written < len) {
            if (offset == current.length && !nextRecord()) {
                break;
            }
            int n = Math.min(len - written, current.length - offset);
            System.arraycopy(current, offset, target, off + written, n);
            offset += n;
            written += n;
        }
        return written == 0 ? -1 : written;
    }

    private boolean nextRecord() {
        if (records >= maxRecords || bytes >= maxBytes) {
            return false;
        }
        current = record(random, records).getBytes(StandardCharsets.UTF_8);
        offset = 0;
        records++;
        bytes += current.length;
        return true;
    }

    private String record(SplittableRandom r, long n) {
        String eventType = EVENT_TYPES[r.nextInt(EVENT_TYPES.length)];
        int watch = eventType.equals("start") || eventType.equals("resume") ? 0 : r.nextInt(7200);
        int bufferingEvents = r.nextInt(10) < 7 ? 0 : r.nextInt(20);
        int bufferingSeconds = bufferingEvents == 0 ? 0 : Math.min(watch, r.nextInt(300));
        String quality = QUALITIES[r.nextInt(QUALITIES.length)];
        double bandwidth = quality.equals("4K") ? 15 + r.nextInt(9850) / 10.0 : r.nextInt(10000) / 10.0;
        String[] place = PLACES[r.nextInt(PLACES.length)];
        StringBuilder b = line;
        b.setLength(0);
        b.append("{\"event_id\":\"EVENT_").append(hex8(r.nextInt()))
                .append("\",\"customer_id\":\"CUST_").append(hex8(r.nextInt(200_000)))
                .append("\",\"title_id\":\"TITLE_").append(hex8(r.nextInt(5_000)))
                .append("\",\"session_id\":\"SESSION_").append(hex8(r.nextInt()))
                .append("\",\"event_type\":\"").append(eventType)
                .append("\",\"event_timestamp\":\"").append(Instant.ofEpochMilli(BASE_MILLIS + n * 37 + r.nextInt(1000)))
                .append("\",\"watch_duration_seconds\":").append(watch)
                .append(",\"position_seconds\":").append(r.nextInt(86_400))
                .append(",\"completion_percentage\":").append(r.nextInt(1001) / 10.0)
                .append(",\"device_type\":\"").append(DEVICE_TYPES[r.nextInt(DEVICE_TYPES.length)])
                .append("\",\"device_id\":\"DEVICE_").append(hex8(r.nextInt(500_000)))
                .append("\",\"device_os\":\"").append(DEVICE_OS[r.nextInt(DEVICE_OS.length)])
                .append("\",\"app_version\":\"").append(1 + r.nextInt(6)).append('.').append(r.nextInt(10)).append('.').append(r.nextInt(20))
                .append("\",\"quality\":\"").append(quality)
                .append("\",\"bandwidth_mbps\":").append(bandwidth)
                .append(",\"buffering_events\":").append(bufferingEvents)
                .append(",\"buffering_duration_seconds\":").append(bufferingSeconds)
                .append(",\"error_count\":").append(r.nextInt(10) < 9 ? 0 : r.nextInt(100))
                .append(",\"ip_address\":\"").append(10 + r.nextInt(200)).append('.').append(r.nextInt(256)).append('.')
                .append(r.nextInt(256)).append('.').append(1 + r.nextInt(254))
                .append("\",\"country\":\"").append(place[0]).append('"');
        if (place[1] != null) {
            b.append(",\"state\":\"").append(place[1]).append('"');
        }
        b.append(",\"city\":\"").append(place[2])
                .append("\",\"isp\":\"").append(ISPS[r.nextInt(ISPS.length)])
                .append("\",\"connection_type\":\"").append(CONNECTIONS[r.nextInt(CONNECTIONS.length)])
                .append("\"}\n");
        return b.toString();
    }

    private static String hex8(int value) {
        String hex = Integer.toHexString(value);
        return "00000000".substring(hex.length()) + hex;
    }
}
