package dev.sluice.domain.model.error;

import static java.util.Objects.requireNonNull;

/**
 * The root of the domain's small exception hierarchy. Exceptions are for broken invariants,
 * invalid configuration and failed infrastructure only; every expected outcome of processing an
 * event is a value.
 */
public abstract sealed class DomainException extends RuntimeException
        permits InvariantViolationException, ConfigurationException, InfrastructureException {

    private final DomainErrorCode errorCode;

    protected DomainException(DomainErrorCode errorCode, String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.errorCode = requireNonNull(errorCode, "errorCode is null");
    }

    public DomainErrorCode errorCode() {
        return errorCode;
    }
}
