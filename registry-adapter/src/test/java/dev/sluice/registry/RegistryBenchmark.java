package dev.sluice.registry;

import dev.sluice.domain.application.port.out.SchemaCatalog;
import dev.sluice.domain.application.service.validation.SchemaValidator;
import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.model.schema.CompiledSchema;
import dev.sluice.domain.model.schema.Rule;
import dev.sluice.domain.model.schema.RulePredicate;
import dev.sluice.domain.model.schema.SchemaVersion;
import dev.sluice.domain.testing.SeedSchemas;
import dev.sluice.domain.testing.TestRuleCompiler;
import io.micronaut.context.ApplicationContext;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Prints the registry's figures (issue 4). Not a test: run it with
 * {@code ./mvnw -B -Dsluice.target=target-registry -pl registry-adapter -am -Pbenchmark -DskipTests test}.
 * <ol>
 *   <li>registering a version with a transitive check against 100 or more prior versions, on the
 *       local stack's real PostgreSQL: p50, p99, max (target p99 at most 50 ms);</li>
 *   <li>cached {@link SchemaCatalog} lookups per second (target at least 1,000,000);</li>
 *   <li>evaluating seed 002's four CEL rules on an ACME event, fast path and CEL interpreter, and a
 *       whole validation with the domain's validator.</li>
 * </ol>
 */
public final class RegistryBenchmark {

    private RegistryBenchmark() {
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        System.out.printf("%nRegistryBenchmark on %d CPU(s), JVM %s, max heap %d MB, load average at start: %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), Runtime.getRuntime().maxMemory() >> 20, load());
        Map<String, Object> p = new HashMap<>(RegistryTestStack.properties("bench", false));
        try (ApplicationContext ctx = ApplicationContext.run(p)) {
            registration(ctx.getBean(RegistryService.class));
            lookups(ctx.getBean(SchemaCatalog.class));
            rules(ctx.getBean(SchemaCatalog.class));
        }
        System.exit(0);
    }

    /** An ACME-sized schema (25 fields); versions differ by their description, so each is new and compatible. */
    private static String schema(int version) {
        StringBuilder sb = new StringBuilder("{\"type\":\"object\",\"description\":\"v" + version
                + "\",\"required\":[\"id\"],\"properties\":{\"id\":{\"type\":\"string\"}");
        for (int i = 0; i < 24; i++) {
            sb.append(",\"f").append(i).append("\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":1000}");
        }
        return sb.append("}}").toString();
    }

    private static void registration(RegistryService registry) {
        String subject = "bench.transitive";
        registry.setSubjectMode(subject, "FULL_TRANSITIVE", "bench");
        int prior = 100;
        int measured = 200;
        for (int i = 0; i < prior; i++) {
            registry.register(subject, "JSON", schema(i), null, "bench");
        }
        long[] nanos = new long[measured];
        long[] gcMillis = new long[measured];
        long[] cpuNanos = new long[measured];
        for (int i = 0; i < measured; i++) {
            String s = schema(prior + i);
            long gc0 = gcMillis();
            long c0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            RegistryStore.Registration r = registry.register(subject, "JSON", s, null, "bench");
            nanos[i] = System.nanoTime() - t0;
            cpuNanos[i] = THREADS.getCurrentThreadCpuTime() - c0;
            gcMillis[i] = gcMillis() - gc0;
            if (!r.created()) {
                throw new IllegalStateException("not registered");
            }
            // keep exactly `prior` live versions before the next measured registration
            registry.delete(subject, Integer.toString(r.version().version()), "bench");
        }
        // The slowest samples, with what the JVM knows about them: collector time that overlapped and this thread's CPU.
        Integer[] order = new Integer[measured];
        for (int i = 0; i < measured; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(nanos[b], nanos[a]));
        StringBuilder slowest = new StringBuilder();
        for (int k = 0; k < 5; k++) {
            int i = order[k];
            slowest.append(String.format("%s#%d %.1f ms (GC %d ms, CPU %.1f ms)", k == 0 ? "" : ", ", i, nanos[i] / 1e6,
                    gcMillis[i], cpuNanos[i] / 1e6));
        }
        long[] cpuSorted = cpuNanos.clone();
        Arrays.sort(cpuSorted);
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%nregister (25 fields) + FULL_TRANSITIVE check against %d live prior versions (PostgreSQL, %d samples): "
                        + "p50 %.2f ms, p99 %.2f ms, max %.2f ms (target p99 <= 50 ms) [load %s]%n", prior, measured,
                sorted[measured / 2] / 1e6, sorted[(int) Math.ceil(measured * 0.99) - 1] / 1e6, sorted[measured - 1] / 1e6, load());
        System.out.printf("  registering thread's CPU per registration: p50 %.2f ms, p99 %.2f ms; slowest: %s%n",
                cpuSorted[measured / 2] / 1e6, cpuSorted[(int) Math.ceil(measured * 0.99) - 1] / 1e6, slowest);
    }

    private static void lookups(SchemaCatalog catalog) throws InterruptedException {
        String[][] keys = {{"acme-telemetry", "start"}, {"recsys-api", "click"}, {"recsys-api", "impression"},
                {"unknown-source", "x"}, {"bench", "transitive"}};
        for (String[] k : keys) {
            catalog.resolve(k[0], k[1]);
        }
        for (int threads : new int[] {1, 2}) {
            LongAdder ops = new LongAdder();
            long end = System.nanoTime() + 3_000_000_000L;
            List<Thread> ts = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                ts.add(Thread.ofPlatform().start(() -> {
                    long n = 0;
                    int i = 0;
                    long sink = 0;
                    while ((n & 1023) != 0 || System.nanoTime() < end) {
                        String[] k = keys[i++ % keys.length];
                        sink += catalog.resolve(k[0], k[1]).map(CompiledSchema::version).orElse(0);
                        n++;
                    }
                    ops.add(n);
                    if (sink == 42) {
                        System.out.print("");
                    }
                }));
            }
            for (Thread t : ts) {
                t.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("cached SchemaCatalog.resolve, %d thread(s), hits and misses: %,.0f lookups/s (target >= 1,000,000) [load %s]%n",
                    threads, ops.sum() / seconds, load());
        }
    }

    private static void rules(SchemaCatalog catalog) {
        CompiledSchema acme = catalog.resolve("acme-telemetry", "start").orElseThrow();
        ObjectValue event = SeedSchemas.acmeSampleRecord();
        List<RulePredicate> fast = List.copyOf(acme.predicates().values());
        CelRuleCompiler interpreter = new CelRuleCompiler(false);
        SchemaVersion model = acme.schema();
        List<RulePredicate> cel = model.rules().stream().map((Rule r) -> interpreter.compile(r, model)).toList();
        System.out.printf("ACME event, 4 CEL rules, fast path:       %s%n", rate(fast, event, 2_000_000));
        System.out.printf("ACME event, 4 CEL rules, CEL interpreter: %s%n", rate(cel, event, 200_000));
        try {
            // What ingestion runs: the registry's schema (from the built-in JSON Schema) with its CEL FastRules. Measured
            // first, so that its call sites are not polluted by the comparison variants below.
            System.out.printf("ACME event, whole validation (domain SchemaValidator: structure + 4 rules), 1 thread, registry schema"
                    + " + CEL fast path: %s (target 500,000 per core)%n", validation(acme, event));
            // The same harness on the domain JMH benchmark's inputs (SeedSchemas.acmeVideo() with lambda rules), and the two
            // mixes, to show which difference costs what.
            SchemaVersion seed = SeedSchemas.acmeVideo();
            System.out.printf("  for comparison, domain seed schema + lambda rules (the domain JMH inputs): %s%n",
                    validation(TestRuleCompiler.compileAll(seed), event));
            System.out.printf("  for comparison, registry schema + lambda rules:                          %s%n",
                    validation(TestRuleCompiler.compileAll(model), event));
            System.out.printf("  for comparison, domain seed schema + CEL fast path:                       %s%n",
                    validation(compile(seed, new CelRuleCompiler()), event));
        } catch (UnsupportedOperationException e) {
            System.out.println("domain SchemaValidator not implemented yet: whole-validation figure skipped");
        }
    }

    private static CompiledSchema compile(SchemaVersion schema, CelRuleCompiler compiler) {
        Map<String, RulePredicate> predicates = new LinkedHashMap<>();
        for (Rule r : schema.rules()) {
            predicates.put(r.id(), compiler.compile(r, schema));
        }
        return new CompiledSchema(0, schema, predicates);
    }

    /**
     * Validations per second of one thread: warm-up rounds, then five measured rounds of 500,000, each timed by the wall
     * clock and by the thread's own CPU time. On a shared machine the wall-clock rate mostly measures how much CPU the
     * thread was given; the per-CPU-second rate is the one to compare with JMH's figure and the per-core target.
     */
    private static String validation(CompiledSchema schema, ObjectValue event) {
        SchemaValidator validator = new SchemaValidator();
        if (!validator.validate(schema, event).isValid()) {
            throw new IllegalStateException("the sample is invalid: " + validator.validate(schema, event).violations());
        }
        int n = 500_000;
        for (int round = 0; round < 3; round++) {
            validateMany(validator, schema, event, n);
        }
        double[] wall = new double[5];
        double[] cpu = new double[5];
        for (int round = 0; round < 5; round++) {
            long c0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            int valid = validateMany(validator, schema, event, n);
            wall[round] = n / ((System.nanoTime() - t0) / 1e9);
            cpu[round] = n / ((THREADS.getCurrentThreadCpuTime() - c0) / 1e9);
            if (valid != n) {
                throw new IllegalStateException(valid + " of " + n + " valid");
            }
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        return String.format("%,.0f events per CPU-second, %,.0f events/s wall clock (medians of 5 rounds) [load %s]",
                cpu[2], wall[2], load());
    }

    private static int validateMany(SchemaValidator validator, CompiledSchema schema, ObjectValue event, int n) {
        int valid = 0;
        for (int i = 0; i < n; i++) {
            valid += validator.validate(schema, event).isValid() ? 1 : 0;
        }
        return valid;
    }

    private static String rate(List<RulePredicate> predicates, ObjectValue event, int n) {
        int ok = 0;
        for (int i = 0; i < n / 5; i++) {
            for (RulePredicate p : predicates) {
                ok += p.test(event) ? 1 : 0;
            }
        }
        long c0 = THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            for (RulePredicate p : predicates) {
                ok += p.test(event) ? 1 : 0;
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        double c = (THREADS.getCurrentThreadCpuTime() - c0) / 1e9;
        if (ok == 0) {
            throw new IllegalStateException("no rule held");
        }
        return String.format("%,.0f events per CPU-second, %,.0f events/s wall clock [load %s]", n / c, n / s, load());
    }

    /** Collector time so far, all collectors, in milliseconds. */
    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    /** The machine's load averages (1, 5, 15 minutes) from /proc/loadavg, or "n/a". */
    static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }
}
