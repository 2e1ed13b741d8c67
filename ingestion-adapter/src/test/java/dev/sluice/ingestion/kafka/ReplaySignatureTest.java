package dev.sluice.ingestion.kafka;

import dev.sluice.domain.model.ingest.ReplayOverride;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplaySignatureTest {

    private static final String TOPIC = "acme-telemetry";
    private static final byte[] VALUE = "{\"event_id\":\"EVENT_1\"}".getBytes(StandardCharsets.UTF_8);
    private static final Set<ReplayOverride> BOTH = EnumSet.allOf(ReplayOverride.class);
    private final ReplaySignature replay = ReplaySignature.withSecret("replay-secret-0123456789");

    @Test
    void aSignedOverrideVerifiesForTheSameBytesTopicAndOverrides() {
        String signature = replay.sign(TOPIC, BOTH, VALUE);

        assertThat(signature).matches("[0-9a-f]{64}");
        assertThat(replay.verify(TOPIC, "ACCEPT_TOO_LATE,ACCEPT_FUTURE", signature, VALUE)).contains(BOTH);
        assertThat(ReplaySignature.format(EnumSet.of(ReplayOverride.ACCEPT_FUTURE, ReplayOverride.ACCEPT_TOO_LATE)))
                .isEqualTo("ACCEPT_TOO_LATE,ACCEPT_FUTURE");
    }

    @Test
    void anyChangeBreaksTheSignature() {
        String signature = replay.sign(TOPIC, Set.of(ReplayOverride.ACCEPT_TOO_LATE), VALUE);
        byte[] other = VALUE.clone();
        other[other.length - 3]++;

        assertThat(replay.verify(TOPIC, "ACCEPT_TOO_LATE", signature, VALUE)).isPresent();
        assertThat(replay.verify(TOPIC, "ACCEPT_TOO_LATE", signature, other)).as("other bytes").isEmpty();
        assertThat(replay.verify("telemetry.events.raw", "ACCEPT_TOO_LATE", signature, VALUE)).as("other topic").isEmpty();
        assertThat(replay.verify(TOPIC, "ACCEPT_TOO_LATE,ACCEPT_FUTURE", signature, VALUE)).as("more overrides").isEmpty();
        assertThat(ReplaySignature.withSecret("another-secret-0123456789").verify(TOPIC, "ACCEPT_TOO_LATE", signature, VALUE))
                .as("another secret").isEmpty();
    }

    @Test
    void malformedHeadersAreRefusedNotThrown() {
        String signature = replay.sign(TOPIC, BOTH, VALUE);

        assertThat(replay.verify(TOPIC, "ACCEPT_FUTURE,ACCEPT_TOO_LATE", signature, VALUE)).as("not canonical order").isEmpty();
        assertThat(replay.verify(TOPIC, "ACCEPT_EVERYTHING", signature, VALUE)).as("unknown override").isEmpty();
        assertThat(replay.verify(TOPIC, "", signature, VALUE)).as("empty").isEmpty();
        assertThat(replay.verify(TOPIC, "ACCEPT_TOO_LATE,ACCEPT_FUTURE", "not-hex", VALUE)).isEmpty();
        assertThat(replay.verify(TOPIC, "ACCEPT_TOO_LATE,ACCEPT_FUTURE", null, VALUE)).isEmpty();
        assertThat(replay.verify(TOPIC, "ACCEPT_TOO_LATE,ACCEPT_FUTURE", signature.substring(2), VALUE)).as("short").isEmpty();
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> ReplaySignature.withSecret("short"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 16 bytes");
    }
}
