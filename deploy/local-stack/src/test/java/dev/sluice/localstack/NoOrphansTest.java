package dev.sluice.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stack runs in a child JVM that is then killed with SIGKILL, so no shutdown hook runs: every
 * server process must still go away by itself. Trino is left out to keep the suite lean; it runs
 * under the same watchdog as Kafka and s3proxy.
 */
class NoOrphansTest {

    @Test
    void killingTheOwningJvmWithSigkillLeavesNoServerProcess(@TempDir Path work) throws Exception {
        Path output = work.resolve("stack.out");
        Process owner = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                LocalStackMain.class.getName(), "--servers", "KAFKA,POSTGRES,S3", "--hold")
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        List<ProcessHandle> servers;
        try {
            Awaitility.await("the stack in the child JVM is up").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !owner.isAlive() || Files.readString(output).contains("Running."));
            assertThat(owner.isAlive()).as("the child JVM runs; its output:%n%s", Files.readString(output)).isTrue();
            servers = owner.descendants().toList();
            assertThat(servers.stream().map(process -> process.info().commandLine().orElse("")))
                    .anyMatch(command -> command.contains("KafkaBrokerMain"))
                    .anyMatch(command -> command.contains("org.gaul.s3proxy.Main"))
                    .anyMatch(command -> command.contains("bin/postgres"));
        } finally {
            owner.destroyForcibly(); // SIGKILL: no shutdown hook, no close()
        }

        Awaitility.await("every server process is gone").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> servers.stream().noneMatch(ProcessHandle::isAlive));
    }
}
