package dev.sluice.domain.model.schema;

/** How sensitive a field is (seed 001): NONE is stored as is, LOW and HIGH are pseudonymised. */
public enum PiiClass {
    NONE,
    LOW,
    HIGH
}
