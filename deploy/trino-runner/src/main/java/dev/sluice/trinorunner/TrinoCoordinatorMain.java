package dev.sluice.trinorunner;

import static io.trino.testing.TestingSession.testSessionBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.trino.plugin.iceberg.IcebergPlugin;
import io.trino.plugin.tpch.TpchPlugin;
import io.trino.testing.DistributedQueryRunner;

/**
 * Runs one real Trino coordinator, which is also its only worker.
 *
 * <ol>
 *   <li>Arguments: the HTTP port, the Iceberg catalog properties file, and the data directory.</li>
 *   <li>Starts the coordinator, installs the Iceberg connector as catalog {@code iceberg} and
 *       the {@code tpch} catalog.</li>
 *   <li>Prints {@value #READY_MARKER} followed by the base URL once queries can run, then
 *       serves until the JVM exits.</li>
 * </ol>
 */
public final class TrinoCoordinatorMain {
    static final String READY_MARKER = "SLUICE-TRINO-READY";
    private static final int CATALOG_WAIT_SECONDS = 180;

    private TrinoCoordinatorMain() {}

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable e) {
            // Trino's non-daemon threads would keep a half-started JVM alive: fail fast instead.
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("Usage: TrinoCoordinatorMain <http-port> <iceberg.properties> <data-dir>");
        }
        int port = Integer.parseInt(args[0]);
        Map<String, String> iceberg = load(Path.of(args[1]));
        Path dataDir = Path.of(args[2]);
        Files.createDirectories(dataDir);

        DistributedQueryRunner runner = DistributedQueryRunner.builder(testSessionBuilder().setCatalog("tpch").setSchema("tiny").build())
                .setWorkerCount(0)
                .setBaseDataDir(Optional.of(dataDir))
                .addCoordinatorProperty("http-server.http.port", Integer.toString(port))
                .addCoordinatorProperty("node-scheduler.include-coordinator", "true")
                .build();
        runner.installPlugin(new TpchPlugin());
        runner.createCatalog("tpch", "tpch", Map.of());
        runner.installPlugin(new IcebergPlugin());
        runner.createCatalog("iceberg", "iceberg", iceberg);
        awaitCatalog(runner);

        System.out.println(READY_MARKER + " " + runner.getCoordinator().getBaseUrl());
        System.out.flush();
        Thread.currentThread().join();
    }

    /**
     * The local stack creates the catalog's tables (through Iceberg's JdbcCatalog) while this JVM
     * boots, so the first queries may find none: retry for a bounded time.
     */
    private static void awaitCatalog(DistributedQueryRunner runner) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CATALOG_WAIT_SECONDS);
        while (true) {
            try {
                runner.execute("SHOW SCHEMAS FROM iceberg");
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The Iceberg catalog did not answer within " + CATALOG_WAIT_SECONDS + " s", e);
                }
                TimeUnit.MILLISECONDS.sleep(250);
            }
        }
    }

    private static Map<String, String> load(Path file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        Map<String, String> map = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        return map;
    }
}
