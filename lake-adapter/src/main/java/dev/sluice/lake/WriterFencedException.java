package dev.sluice.lake;

import dev.sluice.domain.model.error.DomainErrorCode;
import dev.sluice.domain.model.error.InfrastructureException;

/**
 * Another writer committed a partition of this batch since this writer claimed it (a greater
 * epoch, or offsets that moved). Nothing of this batch was committed to the table named in the
 * message; claim again and reprocess from the returned positions.
 */
public final class WriterFencedException extends InfrastructureException {

    public WriterFencedException(String message) {
        super(DomainErrorCode.LAKE_COMMIT_FAILED, message);
    }
}
