package dev.sluice.domain.application.service.compatibility;

import dev.sluice.domain.model.schema.CompatibilityMode;
import dev.sluice.domain.model.schema.SchemaVersion;

import java.util.List;

/**
 * Checks a candidate schema against earlier versions under one of the seven compatibility modes.
 * Pure and thread-safe.
 */
public final class CompatibilityChecker {

    /**
     * Checks {@code candidate} against {@code previous} under {@code mode}.
     *
     * @param previous earlier versions, oldest first; non-transitive modes use only the last one
     * @return every incompatibility, each naming the version it was found against
     */
    public CompatibilityResult check(CompatibilityMode mode, SchemaVersion candidate, List<SchemaVersion> previous) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** True when {@code reader} can read every record written with {@code writer}. */
    public CompatibilityResult canRead(SchemaVersion reader, SchemaVersion writer) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
