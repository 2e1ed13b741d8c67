package dev.sluice.domain.model.pii;

import dev.sluice.domain.model.schema.PiiClass;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PiiPolicyTest {

    @Test
    void pseudonymisesLowAndHighAndKeepsNone() {
        PiiPolicy policy = PiiPolicy.pseudonymiseLowAndHigh();

        assertThat(policy.treatmentOf(PiiClass.NONE)).isEqualTo(PiiTreatment.KEEP);
        assertThat(policy.treatmentOf(PiiClass.LOW)).isEqualTo(PiiTreatment.PSEUDONYMISE);
        assertThat(policy.treatmentOf(PiiClass.HIGH)).isEqualTo(PiiTreatment.PSEUDONYMISE);
    }
}
