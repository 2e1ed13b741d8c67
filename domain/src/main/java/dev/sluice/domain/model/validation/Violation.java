package dev.sluice.domain.model.validation;

import static java.util.Objects.requireNonNull;

/**
 * One reason a payload does not satisfy its schema.
 *
 * @param code a stable code
 * @param path the field path ({@code device.os}, {@code items[3].id}); for rules, the rule id
 * @param message what is wrong, with the values involved
 */
public record Violation(ViolationCode code, String path, String message) {

    public Violation {
        requireNonNull(code, "code is null");
        requireNonNull(path, "path is null");
        requireNonNull(message, "message is null");
    }

    @Override
    public String toString() {
        return code + " at " + path + ": " + message;
    }
}
