package dev.sluice.domain.model.pii;

import dev.sluice.domain.model.schema.PiiClass;

/** Decides how ingestion treats a field of a given PII class. */
@FunctionalInterface
public interface PiiPolicy {

    PiiTreatment treatmentOf(PiiClass piiClass);

    /**
     * Seed 001: NONE is kept, LOW and HIGH are pseudonymised. Plain SHA-256 of an id can be undone
     * by hashing candidate ids, so the pseudonym is keyed.
     */
    static PiiPolicy pseudonymiseLowAndHigh() {
        return piiClass -> switch (piiClass) {
            case NONE -> PiiTreatment.KEEP;
            case LOW, HIGH -> PiiTreatment.PSEUDONYMISE;
        };
    }
}
