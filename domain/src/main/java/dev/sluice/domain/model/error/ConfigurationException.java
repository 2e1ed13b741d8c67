package dev.sluice.domain.model.error;

/** A configuration value is invalid, or data needs configuration that is missing (a PII key id). */
public final class ConfigurationException extends DomainException {

    public ConfigurationException(String message) {
        this(DomainErrorCode.INVALID_CONFIGURATION, message);
    }

    public ConfigurationException(DomainErrorCode errorCode, String message) {
        super(errorCode, message, null);
        if (errorCode.kind() != DomainErrorCode.Kind.CONFIGURATION) {
            throw new IllegalArgumentException("error code " + errorCode + " is not a configuration error");
        }
    }
}
