package dev.sluice.registry;

/**
 * The registry's stable error codes. Each has the HTTP status and the numeric {@code error_code}
 * Confluent Schema Registry uses for the same situation, so that existing clients keep working.
 * Never rename or renumber: clients and dashboards count by them.
 */
enum RegistryError {
    SUBJECT_NOT_FOUND(404, 40401, "Subject not found"),
    VERSION_NOT_FOUND(404, 40402, "Version not found"),
    SCHEMA_NOT_FOUND(404, 40403, "Schema not found"),
    SUBJECT_CONFIG_NOT_FOUND(404, 40408, "Subject compatibility level not configured"),
    INCOMPATIBLE_SCHEMA(409, 409, "Schema being registered is incompatible with an earlier schema"),
    INVALID_SCHEMA(422, 42201, "Invalid schema"),
    UNSUPPORTED_CONSTRUCT(422, 42201, "Schema construct not supported"),
    INVALID_RULE(422, 42201, "Invalid rule"),
    INVALID_VERSION(422, 42202, "Invalid version"),
    INVALID_COMPATIBILITY_LEVEL(422, 42203, "Invalid compatibility level"),
    INVALID_SUBJECT(422, 42208, "Invalid subject name"),
    INVALID_REQUEST(422, 42200, "Invalid request"),
    NOT_BREAKING(409, 40901, "Version is not BREAKING"),
    UNAUTHENTICATED(401, 40101, "Missing, malformed or unknown API key"),
    FORBIDDEN(403, 40301, "API key lacks the required role"),
    STORE_ERROR(500, 50001, "Error in the backend data store");

    private final int httpStatus;
    private final int confluentCode;
    private final String title;

    RegistryError(int httpStatus, int confluentCode, String title) {
        this.httpStatus = httpStatus;
        this.confluentCode = confluentCode;
        this.title = title;
    }

    int httpStatus() {
        return httpStatus;
    }

    int confluentCode() {
        return confluentCode;
    }

    String title() {
        return title;
    }

    /** The problem type URI, stable and documented. */
    String type() {
        return "https://sluice.dev/problems/registry/" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
