package dev.sluice.ingestion.kafka;

import dev.sluice.domain.model.ingest.DeadLetterReason;
import dev.sluice.domain.model.ingest.ReplayOverride;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeadLetterReplayCommandLineTest {

    @Test
    void theOptionsAreRead() {
        DeadLetterReplay.Options o = DeadLetterReplay.parse(new String[]{"--bootstrap", "h:9092", "--dlq", "acme-telemetry.dlq",
                "--reason", "TOO_LATE, FUTURE_TIMESTAMP", "--override", "ACCEPT_TOO_LATE", "--dry-run", "--timeout", "30"},
                "replay-secret-0123456789");

        assertThat(o.bootstrap()).isEqualTo("h:9092");
        assertThat(o.dlqTopic()).isEqualTo("acme-telemetry.dlq");
        assertThat(o.reasons()).isEqualTo(Set.of(DeadLetterReason.TOO_LATE, DeadLetterReason.FUTURE_TIMESTAMP));
        assertThat(o.overrides()).isEqualTo(Set.of(ReplayOverride.ACCEPT_TOO_LATE));
        assertThat(o.dryRun()).isTrue();
        assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aWrongCommandLineSaysWhatIsWrong() {
        assertThatThrownBy(() -> parse("--bootstrap", "h:1", "--dlq", "acme-telemetry.dlq", "--reason", "LATE"))
                .hasMessageContaining("--reason: LATE is not one of");
        assertThatThrownBy(() -> parse("--bootstrap", "h:1", "--dlq", "acme-telemetry", "--reason", "TOO_LATE"))
                .hasMessageContaining("--dlq must name a dead-letter topic");
        assertThatThrownBy(() -> parse("--bootstrap", "h:1", "--dlq", "acme-telemetry.dlq", "--reason", "TOO_LATE",
                "--override", "ACCEPT_TOO_LATE")).hasMessageContaining("SLUICE_REPLAY_SECRET");
        assertThatThrownBy(() -> parse("--dlq", "acme-telemetry.dlq", "--reason", "TOO_LATE"))
                .hasMessageContaining("--bootstrap and --dlq are required");
        assertThatThrownBy(() -> parse("--bootstrap", "h:1", "--dlq", "acme-telemetry.dlq"))
                .hasMessageContaining("--reason must name at least one");
        assertThatThrownBy(() -> parse("--bootstrap")).hasMessageContaining("--bootstrap needs a value");
        assertThatThrownBy(() -> parse("--force")).hasMessageContaining("unknown option --force");
    }

    private static void parse(String... args) {
        DeadLetterReplay.parse(args, null);
    }
}
