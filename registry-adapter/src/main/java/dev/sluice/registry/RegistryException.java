package dev.sluice.registry;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** A failure with a stable {@link RegistryError} and a precise message; mapped to HTTP by {@link RegistryExceptionHandler}. */
final class RegistryException extends RuntimeException {

    private final RegistryError error;
    private final transient List<?> details;

    RegistryException(RegistryError error, String message) {
        this(error, message, List.of());
    }

    RegistryException(RegistryError error, String message, List<?> details) {
        super(requireNonNull(message, "message is null"));
        this.error = requireNonNull(error, "error is null");
        this.details = List.copyOf(details);
    }

    RegistryError error() {
        return error;
    }

    List<?> details() {
        return details;
    }

    static RegistryException unsupported(String construct, String where) {
        return new RegistryException(RegistryError.UNSUPPORTED_CONSTRUCT,
                "Unsupported construct '" + construct + "' at " + where
                        + ": Sluice's mapping to the canonical model does not support it, and it is never dropped silently");
    }

    static RegistryException invalid(String message) {
        return new RegistryException(RegistryError.INVALID_SCHEMA, message);
    }
}
