package dev.sluice.domain.model.pii;

import dev.sluice.domain.model.schema.PiiClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class MaskingPolicyTest {

    @ParameterizedTest(name = "{0} sees {1} fields as {2}")
    @CsvSource({
            "ENGINEER, NONE, CLEAR",
            "ENGINEER, LOW,  PSEUDONYM",
            "ENGINEER, HIGH, PSEUDONYM",
            "ANALYST,  NONE, CLEAR",
            "ANALYST,  LOW,  PSEUDONYM",
            "ANALYST,  HIGH, REDACTED",
            "VIEWER,   NONE, CLEAR",
            "VIEWER,   LOW,  REDACTED",
            "VIEWER,   HIGH, REDACTED"})
    void followsTheSeed001Matrix(AccessTier tier, PiiClass piiClass, Masking expected) {
        assertThat(MaskingPolicy.seed001().maskingFor(tier, piiClass)).isEqualTo(expected);
    }
}
