package dev.sluice.domain.model.error;

/**
 * A lake commit failed and certainly did not take effect: nothing of the batch is visible and no
 * position was advanced. Retrying the batch is safe.
 */
public final class CommitFailedException extends InfrastructureException {

    public CommitFailedException(String message, Throwable cause) {
        super(DomainErrorCode.LAKE_COMMIT_FAILED, message, cause);
    }
}
