package dev.sluice.domain.model.pii;

import dev.sluice.domain.model.schema.PiiClass;

/**
 * How a field of a PII class is shown to a reader of an access tier. Query adapters translate the
 * decision into column masks (Trino's file-based access control), so that the API and direct SQL
 * enforce the same matrix.
 */
@FunctionalInterface
public interface MaskingPolicy {

    Masking maskingFor(AccessTier tier, PiiClass piiClass);

    /**
     * The matrix of seed 001's tiers:
     * <pre>
     *             NONE    LOW        HIGH
     *   ENGINEER  CLEAR   PSEUDONYM  PSEUDONYM
     *   ANALYST   CLEAR   PSEUDONYM  REDACTED
     *   VIEWER    CLEAR   REDACTED   REDACTED
     * </pre>
     */
    static MaskingPolicy seed001() {
        return (tier, piiClass) -> switch (piiClass) {
            case NONE -> Masking.CLEAR;
            case LOW -> tier == AccessTier.VIEWER ? Masking.REDACTED : Masking.PSEUDONYM;
            case HIGH -> tier == AccessTier.ENGINEER ? Masking.PSEUDONYM : Masking.REDACTED;
        };
    }
}
