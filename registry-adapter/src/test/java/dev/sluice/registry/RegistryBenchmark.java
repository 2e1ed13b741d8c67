package dev.sluice.registry;

import dev.sluice.domain.application.port.out.SchemaCatalog;
import dev.sluice.domain.application.service.validation.SchemaValidator;
import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.model.schema.CompiledSchema;
import dev.sluice.domain.model.schema.Rule;
import dev.sluice.domain.model.schema.RulePredicate;
import dev.sluice.domain.model.schema.SchemaVersion;
import dev.sluice.domain.testing.SeedSchemas;
import io.micronaut.context.ApplicationContext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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

    public static void main(String[] args) throws Exception {
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
        for (int i = 0; i < measured; i++) {
            String s = schema(prior + i);
            long t0 = System.nanoTime();
            RegistryStore.Registration r = registry.register(subject, "JSON", s, null, "bench");
            nanos[i] = System.nanoTime() - t0;
            if (!r.created()) {
                throw new IllegalStateException("not registered");
            }
            // keep exactly `prior` live versions before the next measured registration
            registry.delete(subject, Integer.toString(r.version().version()), "bench");
        }
        Arrays.sort(nanos);
        System.out.printf("%nregister (25 fields) + FULL_TRANSITIVE check against %d live prior versions (PostgreSQL, %d samples): "
                        + "p50 %.2f ms, p99 %.2f ms, max %.2f ms (target p99 <= 50 ms)%n", prior, measured,
                nanos[measured / 2] / 1e6, nanos[(int) Math.ceil(measured * 0.99) - 1] / 1e6, nanos[measured - 1] / 1e6);
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
            System.out.printf("cached SchemaCatalog.resolve, %d thread(s), hits and misses: %,.0f lookups/s (target >= 1,000,000)%n",
                    threads, ops.sum() / seconds);
        }
    }

    private static void rules(SchemaCatalog catalog) {
        CompiledSchema acme = catalog.resolve("acme-telemetry", "start").orElseThrow();
        ObjectValue event = SeedSchemas.acmeSampleRecord();
        List<RulePredicate> fast = List.copyOf(acme.predicates().values());
        CelRuleCompiler interpreter = new CelRuleCompiler(false);
        SchemaVersion model = acme.schema();
        List<RulePredicate> cel = model.rules().stream().map((Rule r) -> interpreter.compile(r, model)).toList();
        System.out.printf("ACME event, 4 CEL rules, fast path:       %,.0f events/s%n", rate(fast, event, 2_000_000));
        System.out.printf("ACME event, 4 CEL rules, CEL interpreter: %,.0f events/s%n", rate(cel, event, 200_000));
        try {
            SchemaValidator validator = new SchemaValidator();
            if (!validator.validate(acme, event).isValid()) {
                System.out.println("domain validator: the sample is invalid: " + validator.validate(acme, event).violations());
                return;
            }
            int n = 500_000;
            for (int i = 0; i < n / 5; i++) {
                validator.validate(acme, event);
            }
            long t0 = System.nanoTime();
            int valid = 0;
            for (int i = 0; i < n; i++) {
                valid += validator.validate(acme, event).isValid() ? 1 : 0;
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("ACME event, whole validation (domain SchemaValidator: structure + 4 rules), 1 thread: %,.0f events/s "
                    + "(target 500,000) [%d valid]%n", n / s, valid);
        } catch (UnsupportedOperationException e) {
            System.out.println("domain SchemaValidator not implemented yet: whole-validation figure skipped");
        }
    }

    private static double rate(List<RulePredicate> predicates, ObjectValue event, int n) {
        int ok = 0;
        for (int i = 0; i < n / 5; i++) {
            for (RulePredicate p : predicates) {
                ok += p.test(event) ? 1 : 0;
            }
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            for (RulePredicate p : predicates) {
                ok += p.test(event) ? 1 : 0;
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        if (ok == 0) {
            throw new IllegalStateException("no rule held");
        }
        return n / s;
    }
}
