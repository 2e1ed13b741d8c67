package dev.sluice.domain.model.pii;

import dev.sluice.domain.model.error.ConfigurationException;
import dev.sluice.domain.model.error.DomainErrorCode;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PiiKeyRingTest {

    static final byte[] SECRET_2025 = "secret-2025-0123456789abcdefghij".getBytes(StandardCharsets.UTF_8);
    static final byte[] SECRET_2026 = "secret-2026-0123456789abcdefghij".getBytes(StandardCharsets.UTF_8);

    @Test
    void aPseudonymIsTheHexHmacSha256OfTheValue() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET_2025, "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal("CUST_5e6f7g8h".getBytes(StandardCharsets.UTF_8)));

        String pseudonym = PiiKeyRing.single("k2025", SECRET_2025).pseudonym("CUST_5e6f7g8h");

        assertThat(pseudonym).isEqualTo(expected).hasSize(64).matches("[0-9a-f]{64}");
    }

    @Test
    void rotatingTheActiveKeyChangesNewPseudonymsAndKeepsOldOnesComputable() {
        PiiKeyRing before = PiiKeyRing.single("k2025", SECRET_2025);
        PiiKeyRing after = PiiKeyRing.of("k2026", Map.of("k2025", SECRET_2025, "k2026", SECRET_2026));

        assertThat(after.activeKeyId()).isEqualTo("k2026");
        assertThat(after.pseudonym("CUST_5e6f7g8h")).isNotEqualTo(before.pseudonym("CUST_5e6f7g8h"));
        assertThat(after.pseudonym("k2025", "CUST_5e6f7g8h")).isEqualTo(before.pseudonym("CUST_5e6f7g8h"));
        assertThat(after.keyIds()).containsExactlyInAnyOrder("k2025", "k2026");
    }

    @Test
    void anUnknownKeyIdIsAConfigurationError() {
        PiiKeyRing ring = PiiKeyRing.single("k2026", SECRET_2026);

        assertThatThrownBy(() -> ring.pseudonym("k2024", "x"))
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(DomainErrorCode.UNKNOWN_PII_KEY))
                .hasMessageContaining("k2024");
    }

    @Test
    void theActiveKeyMustBeInTheRing() {
        assertThatThrownBy(() -> PiiKeyRing.of("k2027", Map.of("k2026", SECRET_2026)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("k2027");
    }

    @Test
    void secretsShorterThan32BytesAreRefused() {
        assertThatThrownBy(() -> PiiKeyRing.single("k1", new byte[31]))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("31");
    }

    @Test
    void malformedKeyIdsAreRefused() {
        assertThatThrownBy(() -> PiiKeyRing.single("key id", SECRET_2025))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'key id'");
    }

    @Test
    void neverPrintsItsSecrets() {
        PiiKeyRing ring = PiiKeyRing.single("k2025", SECRET_2025);

        assertThat(ring.toString()).contains("k2025").doesNotContain("secret-2025");
    }
}
