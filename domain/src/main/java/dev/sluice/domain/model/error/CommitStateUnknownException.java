package dev.sluice.domain.model.error;

/**
 * A lake commit may or may not have taken effect (for example the catalog timed out after the
 * request was sent). The caller must re-read the committed positions before deciding what to
 * replay, and must never delete the written files.
 */
public final class CommitStateUnknownException extends InfrastructureException {

    public CommitStateUnknownException(String message, Throwable cause) {
        super(DomainErrorCode.LAKE_COMMIT_STATE_UNKNOWN, message, cause);
    }
}
