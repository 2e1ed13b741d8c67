package dev.sluice.ingestion.http;

import dev.sluice.ingestion.IngestionErrorCode;

import static java.util.Objects.requireNonNull;

/** A request the collector refuses as a whole; {@link CollectorExceptionHandler} turns it into problem+json. */
final class CollectorException extends RuntimeException {

    private final IngestionErrorCode code;
    private final long retryAfterSeconds;

    CollectorException(IngestionErrorCode code, String message) {
        this(code, message, 0, null);
    }

    CollectorException(IngestionErrorCode code, String message, long retryAfterSeconds, Throwable cause) {
        super(message, cause);
        this.code = requireNonNull(code, "code is null");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    IngestionErrorCode code() {
        return code;
    }

    /** Seconds for {@code Retry-After}, or 0 for none. */
    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
