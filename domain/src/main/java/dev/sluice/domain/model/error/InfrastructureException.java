package dev.sluice.domain.model.error;

/**
 * A dependency behind an outbound port failed. Adapters throw this (or a subclass) so that the
 * use case and its callers can tell infrastructure failures from bugs. Unless a subclass says
 * otherwise, nothing is known to have been committed and the whole batch may be retried.
 */
public non-sealed class InfrastructureException extends DomainException {

    public InfrastructureException(DomainErrorCode errorCode, String message, Throwable cause) {
        super(errorCode, message, cause);
        if (errorCode.kind() != DomainErrorCode.Kind.INFRASTRUCTURE) {
            throw new IllegalArgumentException("error code " + errorCode + " is not an infrastructure error");
        }
    }

    public InfrastructureException(DomainErrorCode errorCode, String message) {
        this(errorCode, message, null);
    }
}
