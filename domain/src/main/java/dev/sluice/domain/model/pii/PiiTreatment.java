package dev.sluice.domain.model.pii;

/** What ingestion does with a field's value, by its PII class. */
public enum PiiTreatment {
    /** Store the value as received. */
    KEEP,
    /** Replace the value with its keyed HMAC-SHA256 pseudonym (hex), and record the key id. */
    PSEUDONYMISE
}
