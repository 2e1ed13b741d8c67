package dev.sluice.localstack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One server process. Its standard input is a pipe from this JVM that is never written to: the
 * child (or its wrapper script) stops when the pipe closes, which also happens when this JVM is
 * killed with {@code kill -9}. Its output goes to a log file whose tail every failure carries.
 */
final class ChildProcess implements AutoCloseable {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(45);
    private static final int TAIL_LINES = 40;

    /** Checks once whether a server is ready; an exception counts as not ready yet. */
    @FunctionalInterface
    interface Probe {
        boolean ready() throws Exception;
    }

    private final String name;
    private final Process process;
    private final Path log;
    private final long logStart;

    private ChildProcess(String name, Process process, Path log, long logStart) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.logStart = logStart;
    }

    static ChildProcess start(String name, List<String> command, Path workDir, Path log, Map<String, String> environment) {
        try {
            Files.createDirectories(log.getParent());
            Files.createDirectories(workDir);
            long logStart = Files.exists(log) ? Files.size(log) : 0;
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            return new ChildProcess(name, builder.start(), log, logStart);
        } catch (IOException e) {
            throw new LocalStackException("Cannot start " + name + " with " + command.getFirst() + ": " + e.getMessage(), e);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Polls the probe until it says ready; fails with the log tail if the process dies or the deadline passes. */
    void awaitReady(Instant deadline, Probe probe) {
        Exception lastError = null;
        long pauseNanos = TimeUnit.MILLISECONDS.toNanos(50);
        while (true) {
            if (!process.isAlive()) {
                throw failure("exited with status " + process.exitValue() + " before it was ready");
            }
            try {
                if (probe.ready()) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LocalStackException("Interrupted while waiting for " + name, e);
            } catch (Exception e) {
                lastError = e;
            }
            if (Instant.now().isAfter(deadline)) {
                String last = lastError == null ? "" : " (last check: " + lastError + ")";
                throw failure("was not ready by the deadline" + last);
            }
            LockSupport.parkNanos(pauseNanos);
            pauseNanos = Math.min(pauseNanos * 2, TimeUnit.MILLISECONDS.toNanos(400));
        }
    }

    /** Waits for a short-lived process to finish; kills it and fails with the log tail at the deadline. */
    int awaitExit(Instant deadline) {
        try {
            long millis = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
            if (process.waitFor(millis, TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
        throw failure("did not finish by the deadline");
    }

    /** Whether the log written since this start contains the text. */
    boolean logContains(String text) throws IOException {
        return readLogSinceStart().contains(text);
    }

    LocalStackException failure(String what) {
        return new LocalStackException(name + " (pid " + process.pid() + ") " + what + ". Last lines of " + log + ":\n" + logTail());
    }

    String logTail() {
        try {
            List<String> lines = readLogSinceStart().lines().toList();
            List<String> tail = new ArrayList<>(lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
            return tail.isEmpty() ? "(the log is empty)" : String.join("\n", tail);
        } catch (IOException e) {
            return "(cannot read the log: " + e.getMessage() + ")";
        }
    }

    private String readLogSinceStart() throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.min(logStart, file.length());
            long length = Math.min(file.length() - start, 4 * 1024 * 1024);
            file.seek(file.length() - length);
            byte[] bytes = new byte[(int) length];
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Closes the pipe so that the child stops by itself; kills it and its descendants if it does not. */
    @Override
    public void close() {
        List<ProcessHandle> descendants = process.descendants().toList();
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // Closing a pipe whose reader is gone: the child is stopping anyway.
        }
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
