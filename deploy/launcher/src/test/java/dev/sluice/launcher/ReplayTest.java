package dev.sluice.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ReplayTest {

    @Test
    void theToolRunsOnTheServiceClassPathWithThePlatformsKafkaAndTheUsersOptions() {
        List<String> command = Replay.command("127.0.0.1:17092", "a.jar:b.jar",
                List.of("--dlq", "acme-telemetry.dlq", "--reason", "TOO_LATE", "--override", "ACCEPT_TOO_LATE"));

        assertThat(command.getFirst()).endsWith("java");
        assertThat(command).containsSubsequence("-cp", "a.jar:b.jar", Replay.MAIN_CLASS, "--bootstrap", "127.0.0.1:17092",
                "--dlq", "acme-telemetry.dlq", "--reason", "TOO_LATE", "--override", "ACCEPT_TOO_LATE");
        assertThat(String.join(" ", command)).as("the secret travels in the environment only").doesNotContain("secret");
    }
}
