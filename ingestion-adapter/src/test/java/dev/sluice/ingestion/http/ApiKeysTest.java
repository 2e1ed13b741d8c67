package dev.sluice.ingestion.http;

import dev.sluice.ingestion.IngestionErrorCode;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeysTest {

    static final String SECRET = "s3cret-s3cret-s3cret";
    static final String SHA = HexFormat.of().formatHex(ApiKeys.sha256(SECRET));

    private final ApiKeys keys = new ApiKeys(List.of(
            new ApiKeyConfig("acme-prod", SHA, List.of("acme", "acme-web"), null, null),
            new ApiKeyConfig("ops", SHA, List.of("*"), 5.0, 10)));

    @Test
    void acceptsABearerKeyAndTellsWhichSourcesItMaySend() {
        ApiKeys.Key key = keys.authenticate("Bearer acme-prod." + SECRET, null);

        assertThat(key.id()).isEqualTo("acme-prod");
        assertThat(key.mayWrite("acme")).isTrue();
        assertThat(key.mayWrite("acme-web")).isTrue();
        assertThat(key.mayWrite("payments")).isFalse();
    }

    @Test
    void acceptsTheXApiKeyHeader() {
        assertThat(keys.authenticate(null, "ops." + SECRET).mayWrite("anything")).isTrue();
    }

    @Test
    void missingKeyIsRefused() {
        assertThatThrownBy(() -> keys.authenticate(null, " "))
                .isInstanceOfSatisfying(CollectorException.class,
                        e -> assertThat(e.code()).isEqualTo(IngestionErrorCode.MISSING_API_KEY));
    }

    @Test
    void keyWithoutIdIsMalformed() {
        assertThatThrownBy(() -> keys.authenticate("Bearer " + SECRET, null))
                .isInstanceOfSatisfying(CollectorException.class,
                        e -> assertThat(e.code()).isEqualTo(IngestionErrorCode.MALFORMED_API_KEY));
        assertThatThrownBy(() -> keys.authenticate("Bearer acme-prod.short", null))
                .isInstanceOfSatisfying(CollectorException.class,
                        e -> assertThat(e.code()).isEqualTo(IngestionErrorCode.MALFORMED_API_KEY));
        assertThatThrownBy(() -> keys.authenticate("Basic YWJjOmRlZg==", null))
                .isInstanceOfSatisfying(CollectorException.class,
                        e -> assertThat(e.code()).isEqualTo(IngestionErrorCode.MALFORMED_API_KEY));
    }

    @Test
    void unknownIdOrWrongSecretIsUnknown() {
        assertThatThrownBy(() -> keys.authenticate("Bearer nobody." + SECRET, null))
                .isInstanceOfSatisfying(CollectorException.class,
                        e -> assertThat(e.code()).isEqualTo(IngestionErrorCode.UNKNOWN_API_KEY));
        assertThatThrownBy(() -> keys.authenticate("Bearer acme-prod.wrong-secret-wrong-secret", null))
                .isInstanceOfSatisfying(CollectorException.class,
                        e -> assertThat(e.code()).isEqualTo(IngestionErrorCode.UNKNOWN_API_KEY));
    }

    @Test
    void refusesAConfiguredKeyWithoutSources() {
        assertThatThrownBy(() -> new ApiKeys(List.of(new ApiKeyConfig("k", SHA, List.of(), null, null))))
                .hasMessageContaining("sluice.collector.api-keys.k.sources is empty");
    }

    @Test
    void refusesAConfiguredKeyWithABadHash() {
        assertThatThrownBy(() -> new ApiKeys(List.of(new ApiKeyConfig("k", "abc", List.of("*"), null, null))))
                .hasMessageContaining("sha256 must be 64 lowercase hex digits");
    }
}
