package dev.sluice.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The layout of a platform's data directory ({@code .sluice/} by default).
 * <pre>
 *   keys.json        the API keys, generated once (mode 600)
 *   endpoints.json   URLs, ports, keys and service states, for scripts; rewritten on every start
 *   endpoints.env    the same as shell variables, for ./sluice sql and scripts
 *   sluice.pid       the launcher's pid while it runs
 *   stack/           the local stack's state: Kafka, PostgreSQL, S3 objects, Trino, and their logs
 *   logs/            the launcher's and the Sluice services' logs
 *   run/             files of the running instance (ready marker, banner, JVM argument files)
 * </pre>
 */
record DataDir(Path root) {
    DataDir {
        root = root.toAbsolutePath().normalize();
    }

    Path keys() {
        return root.resolve("keys.json");
    }

    Path endpoints() {
        return root.resolve("endpoints.json");
    }

    Path endpointsEnv() {
        return root.resolve("endpoints.env");
    }

    Path pidFile() {
        return root.resolve("sluice.pid");
    }

    Path stack() {
        return root.resolve("stack");
    }

    Path logs() {
        return root.resolve("logs");
    }

    Path run() {
        return root.resolve("run");
    }

    Path readyMarker() {
        return run().resolve("ready");
    }

    Path banner() {
        return run().resolve("banner.txt");
    }

    /** The running launcher of this directory, if its pid file names a live Sluice launcher. */
    Optional<ProcessHandle> runningLauncher() {
        if (!Files.exists(pidFile())) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile()).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(DataDir::isLauncher);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Guards against a recycled pid: only a JVM running the launcher counts. */
    private static boolean isLauncher(ProcessHandle process) {
        Path cmdline = Path.of("/proc", Long.toString(process.pid()), "cmdline");
        try {
            if (Files.exists(cmdline)) {
                return Files.readString(cmdline).contains(Sluice.class.getName());
            }
        } catch (IOException e) {
            return false;
        }
        return process.info().commandLine().map(line -> line.contains(Sluice.class.getName())).orElse(true);
    }
}
