package dev.sluice.domain.model.schema;

/**
 * The seven compatibility modes, with Confluent Schema Registry's meanings.
 * "Reader" and "writer" are in the Avro sense: BACKWARD means the new schema can read data
 * written with the previous one.
 */
public enum CompatibilityMode {
    /** The new schema reads data written with the latest previous version. */
    BACKWARD,
    /** The new schema reads data written with every previous version. */
    BACKWARD_TRANSITIVE,
    /** The latest previous version reads data written with the new schema. */
    FORWARD,
    /** Every previous version reads data written with the new schema. */
    FORWARD_TRANSITIVE,
    /** BACKWARD and FORWARD against the latest previous version. */
    FULL,
    /** BACKWARD and FORWARD against every previous version. */
    FULL_TRANSITIVE,
    /** No check. */
    NONE;

    public boolean isTransitive() {
        return this == BACKWARD_TRANSITIVE || this == FORWARD_TRANSITIVE || this == FULL_TRANSITIVE;
    }

    public boolean checksBackward() {
        return this == BACKWARD || this == BACKWARD_TRANSITIVE || this == FULL || this == FULL_TRANSITIVE;
    }

    public boolean checksForward() {
        return this == FORWARD || this == FORWARD_TRANSITIVE || this == FULL || this == FULL_TRANSITIVE;
    }
}
