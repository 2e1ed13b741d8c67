package dev.sluice.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import dev.sluice.localstack.child.ParentWatchdog;

/**
 * One Sluice service in its own JVM, on the classpath its {@code deploy/*-service} module recorded.
 *
 * <ol>
 *   <li>{@link #available(String)} tells whether that classpath was built into the launcher.</li>
 *   <li>{@link #start} runs {@link ParentWatchdog} in front of the service's main class, with the
 *       child's standard input a pipe from this JVM: when the launcher dies, even by {@code kill -9},
 *       the child stops by itself.</li>
 *   <li>{@link #awaitReady} polls a URL until it answers as expected, and fails with the log tail
 *       when the process exits or the deadline passes.</li>
 *   <li>{@link #close} asks the service to stop (SIGTERM, so its shutdown hooks run) and kills it
 *       after a grace period.</li>
 * </ol>
 */
final class ServiceProcess implements AutoCloseable {
    private static final String M2_PLACEHOLDER = "$M2_REPO";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static Optional<String> available(String classpathName) {
        return Optional.ofNullable(ServiceProcess.class.getClassLoader().getResource(resource(classpathName))).map(URL::toString);
    }

    private static String resource(String classpathName) {
        return "META-INF/sluice/" + classpathName + ".classpath";
    }

    /**
     * @param name a short name for messages and the log file ({@code registry})
     * @param classpathName the recorded classpath ({@code registry-service})
     * @param heap {@code -Xmx} value
     * @param systemProperties passed as {@code -Dkey=value}
     * @param environment added to the child's environment
     */
    static ServiceProcess start(String name, String classpathName, String heap, String mainClass,
            Map<String, String> systemProperties, Map<String, String> environment, Path runDir, Path logDir) {
        String classpath = classpath(classpathName);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.addAll(jvmOptions(name));
        command.add("-Xshare:auto");
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("--sun-misc-unsafe-memory-access=allow");
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        Path argFile = runDir.resolve(name + ".args");
        Json.writeAtomically(argFile, "-cp \"" + classpath.replace("\\", "\\\\") + "\"\n");
        command.add("@" + argFile);
        command.add(ParentWatchdog.class.getName());
        command.add(mainClass);
        Path log = logDir.resolve(name + ".log");
        try {
            Files.createDirectories(logDir);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.PIPE);
            builder.environment().putAll(environment);
            Files.writeString(log, "---- " + Instant.now() + " starting " + name + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            return new ServiceProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new LauncherException("Cannot start the " + name + " service: " + e.getMessage(), e);
        }
    }

    /**
     * The JIT and GC options of a service (ADR "JVM options of the services"). Every service uses the
     * serial collector (small heaps, two cores shared with Kafka, PostgreSQL, S3 and Trino). The
     * ingestion service ({@code collector}, which also runs the pipeline) gets the full tiered JIT:
     * C1 alone ({@code -XX:TieredStopAtLevel=1}) starts a little faster but caps the pipeline's peak
     * throughput; the registry keeps C1 only, as it serves few requests.
     *
     * <p>{@code SLUICE_<NAME>_JVM_OPTIONS} (for example {@code SLUICE_COLLECTOR_JVM_OPTIONS="-XX:+UseParallelGC"})
     * replaces these options for one service, to measure an alternative without rebuilding.
     */
    static List<String> jvmOptions(String name) {
        String override = System.getenv("SLUICE_" + name.toUpperCase(java.util.Locale.ROOT) + "_JVM_OPTIONS");
        if (override != null && !override.isBlank()) {
            return List.of(override.strip().split("\\s+"));
        }
        if ("collector".equals(name)) {
            return List.of("-XX:+UseSerialGC");
        }
        return List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    }

    static String classpath(String classpathName) {
        String resource = resource(classpathName);
        URL url = ServiceProcess.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new LauncherException("The launcher was built without " + resource + ". Rebuild it: ./mvnw -DskipTests install -pl deploy/launcher -am");
        }
        String recorded;
        try (InputStream in = url.openStream()) {
            recorded = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new LauncherException("Cannot read " + url + ": " + e.getMessage(), e);
        }
        String repository = localRepository().toString();
        List<String> entries = new ArrayList<>();
        entries.add(codeSource(ParentWatchdog.class));
        // The service module's own jar: its composition code (bridges, filters) sits next to the record.
        entries.add(rootOf(url, resource));
        for (String entry : recorded.split(java.io.File.pathSeparator)) {
            String path = entry.replace(M2_PLACEHOLDER, repository);
            if (!Files.exists(Path.of(path))) {
                throw new LauncherException("The " + classpathName + " classpath names " + path + ", which does not exist. "
                        + "Rebuild: ./mvnw -DskipTests install -pl deploy/launcher -am");
            }
            entries.add(path);
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static Path localRepository() {
        String configured = System.getProperty("sluice.m2.repository", System.getProperty("maven.repo.local"));
        if (configured == null || configured.isBlank()) {
            configured = System.getenv("SLUICE_M2_REPOSITORY");
        }
        return configured != null && !configured.isBlank() ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    private static String rootOf(URL url, String resource) {
        String text = url.toString();
        URI root = text.startsWith("jar:")
                ? URI.create(text.substring("jar:".length(), text.indexOf("!/")))
                : URI.create(text.substring(0, text.length() - resource.length()));
        return Path.of(root).toString();
    }

    private static String codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate " + type, e);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** Polls {@code url} until {@code ok} accepts the answer. */
    void awaitReady(URI url, Map<String, String> headers, Predicate<HttpResponse<String>> ok, Instant deadline) {
        String last = "no answer yet";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new LauncherException("The " + name + " service exited with status " + process.exitValue()
                        + " while starting. Last lines of " + log + ":\n" + tail(log, 25));
            }
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(3)).GET();
                headers.forEach(request::header);
                HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (ok.test(response)) {
                    return;
                }
                last = "HTTP " + response.statusCode() + " " + abbreviate(response.body());
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LauncherException("Interrupted while waiting for the " + name + " service");
            }
            sleep(300);
        }
        throw new LauncherException("The " + name + " service did not become ready at " + url + " in time (last: " + last
                + "). Last lines of " + log + ":\n" + tail(log, 25));
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return "    " + String.join("\n    ", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "    (cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    private static String abbreviate(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ");
        return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (OutputStream stdin = process.getOutputStream()) {
            // Closing the pipe is the watchdog's signal too; harmless once the process is gone.
        } catch (IOException e) {
            // Already closed.
        }
    }
}
