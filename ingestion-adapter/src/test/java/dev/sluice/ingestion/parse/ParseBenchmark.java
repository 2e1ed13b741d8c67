package dev.sluice.ingestion.parse;

import dev.sluice.domain.application.port.in.IncomingEvent;
import dev.sluice.domain.testing.SeedSchemas;
import dev.sluice.domain.testing.TelemetryEvents;
import dev.sluice.domain.testing.TestJson;
import dev.sluice.ingestion.kafka.RecordDecoder;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The parse stage alone, for seed 002's ACME sample record as a Kafka record value: nanoseconds per
 * {@link JsonItemParser#parseDocument(byte[])} and per {@link RecordDecoder#decode} (parse plus the
 * domain's {@code IncomingEvent}). A plain loop on one thread, after a JIT warm-up, timed by the thread's
 * CPU time (other load on the machine still disturbs caches: read the figures as an order of
 * magnitude). Run:
 * <pre>
 * ./mvnw -B -q -Dsluice.target=target-x -pl ingestion-adapter -am -DskipTests test-compile \
 *   dependency:build-classpath -Dmdep.outputFile=/tmp/cp-x.txt -Dmdep.includeScope=test
 * cd ingestion-adapter &amp;&amp; java -cp target-x/test-classes:target-x/classes:$(cat /tmp/cp-x.txt) \
 *   dev.sluice.ingestion.parse.ParseBenchmark [seconds per round, default 3]
 * </pre>
 */
public final class ParseBenchmark {

    private static volatile Object sink;

    private ParseBenchmark() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        byte[] value = TestJson.write(SeedSchemas.acmeSampleRecord()).getBytes(StandardCharsets.UTF_8);
        JsonItemParser parser = new JsonItemParser(ParseLimits.DEFAULTS);
        RecordDecoder decoder = new RecordDecoder(parser, Map.of(TelemetryEvents.ACME_TOPIC, TelemetryEvents.ACME_MAPPING));
        if (!(parser.parseDocument(value) instanceof ParsedItem.Parsed)
                || !(decoder.decode(TelemetryEvents.ACME_TOPIC, 0, 0, 1_754_922_646_000L, value, null, null, null)
                        instanceof IncomingEvent.Parsed)) {
            throw new IllegalStateException("the ACME sample does not parse");
        }
        System.out.printf(Locale.ROOT, "ACME sample record, %d bytes%n", value.length);
        for (int round = 0; round < 4; round++) {
            boolean print = round >= 2; // two warm-up rounds
            double parse = time(seconds, () -> sink = parser.parseDocument(value));
            double decode = time(seconds, () -> sink = decoder.decode(TelemetryEvents.ACME_TOPIC, 0, 42,
                    1_754_922_646_000L, value, null, null, null));
            if (print) {
                System.out.printf(Locale.ROOT, "parseDocument %8.0f CPU ns/op   RecordDecoder.decode %8.0f CPU ns/op%n",
                        parse, decode);
            }
        }
    }

    /** CPU nanoseconds of this thread per operation, so that other processes on the machine count less. */
    private static double time(double seconds, Runnable op) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long ops = 0;
        long start = threads.getCurrentThreadCpuTime();
        do {
            for (int i = 0; i < 1000; i++) {
                op.run();
            }
            ops += 1000;
        } while (System.nanoTime() < deadline);
        return (double) (threads.getCurrentThreadCpuTime() - start) / ops;
    }
}
