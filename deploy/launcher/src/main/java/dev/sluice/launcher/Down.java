package dev.sluice.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code ./sluice down}: stops the platform of a data directory and leaves no process behind.
 *
 * <ol>
 *   <li>Finds the launcher through {@code sluice.pid}, and checks that the pid is a Sluice launcher.</li>
 *   <li>Notes every descendant (servers, services), then sends SIGTERM to the launcher, which stops
 *       the demo, the services and the stack in order.</li>
 *   <li>Waits for the launcher and every noted descendant; anything still alive after the grace
 *       period is killed, and the command says so.</li>
 * </ol>
 */
final class Down {
    private static final Duration GRACE = Duration.ofSeconds(60);

    private Down() {}

    static int run(DataDir dir) throws InterruptedException {
        Optional<ProcessHandle> launcher = dir.runningLauncher();
        if (launcher.isEmpty()) {
            try {
                Files.deleteIfExists(dir.pidFile());
                Files.deleteIfExists(dir.readyMarker());
            } catch (IOException e) {
                // Nothing to clean.
            }
            System.out.println("Sluice is not running from " + dir.root() + "; nothing to stop.");
            return 0;
        }
        ProcessHandle process = launcher.get();
        List<ProcessHandle> tree = process.descendants().toList();
        Instant begin = Instant.now();
        System.out.printf(Locale.ROOT, "Stopping Sluice (pid %d and %d child processes) ...%n", process.pid(), tree.size());
        process.destroy();
        Instant deadline = begin.plus(GRACE);
        while (Instant.now().isBefore(deadline) && (process.isAlive() || tree.stream().anyMatch(ProcessHandle::isAlive))) {
            Thread.sleep(200);
        }
        long killed = 0;
        if (process.isAlive()) {
            process.destroyForcibly();
            killed++;
        }
        for (ProcessHandle child : tree) {
            if (child.isAlive()) {
                child.destroyForcibly();
                killed++;
            }
        }
        if (killed > 0) {
            Thread.sleep(500);
            System.out.printf(Locale.ROOT, "%d process(es) did not stop within %d s and were killed; see %s%n", killed, GRACE.toSeconds(), dir.logs());
        }
        System.out.printf(Locale.ROOT, "Stopped in %.1f s. Data kept in %s; ./sluice up%s starts it again.%n",
                Duration.between(begin, Instant.now()).toMillis() / 1000.0, dir.root(),
                dir.root().endsWith(".sluice") ? "" : " --data-dir " + dir.root());
        return 0;
    }
}
