package dev.sluice.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./sluice replay --dlq TOPIC.dlq --reason R[,R] [--override O[,O]] [--dry-run]}: sends dead
 * letters of the running platform back to the topic they came from, with ingestion-adapter's
 * {@code DeadLetterReplay} on the ingestion service's class path, the platform's Kafka and the
 * replay secret from {@code keys.json} (the ingestion service verifies overrides with the same
 * secret). Its output and exit status are the tool's.
 */
final class Replay {
    static final String MAIN_CLASS = "dev.sluice.ingestion.kafka.DeadLetterReplay";

    private Replay() {}

    static int run(DataDir dir, List<String> args) throws InterruptedException {
        RunningPlatform platform = RunningPlatform.require(dir);
        if (ServiceProcess.available("ingestion-service").isEmpty()) {
            throw new LauncherException("The launcher was built without deploy/ingestion-service, which holds the replay tool. "
                    + "Rebuild: ./mvnw -DskipTests install -pl deploy/launcher -am");
        }
        if (args.isEmpty()) {
            throw new LauncherException("Usage: ./sluice replay --dlq TOPIC.dlq --reason R[,R...] [--override O[,O...]] [--dry-run]"
                    + "   e.g. ./sluice replay --dlq acme-telemetry.dlq --reason TOO_LATE --override ACCEPT_TOO_LATE");
        }
        if (!Json.read(dir.keys()).has("replay_secret")) {
            throw new LauncherException("This platform was started before it had a replay secret, so its ingestion service would "
                    + "refuse every override. Restart it once (./sluice down, then ./sluice up) and replay again");
        }
        Keys keys = Keys.loadOrCreate(dir.keys());
        List<String> command = command(platform.text("kafka_bootstrap"), ServiceProcess.classpath("ingestion-service"), args);
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put("SLUICE_REPLAY_SECRET", keys.replaySecret());
        try {
            return builder.start().waitFor();
        } catch (IOException e) {
            throw new LauncherException("Cannot start the replay tool (" + command.getFirst() + "): " + e.getMessage(), e);
        }
    }

    /** The replay tool's command line; the secret goes in its environment, never on the command line. */
    static List<String> command(String bootstrap, String classpath, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-DSLUICE_LOG_LEVEL=WARN",
                "-cp", classpath, MAIN_CLASS, "--bootstrap", bootstrap));
        command.addAll(args);
        return command;
    }
}
