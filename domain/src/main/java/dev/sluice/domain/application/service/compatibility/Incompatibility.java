package dev.sluice.domain.application.service.compatibility;

import static java.util.Objects.requireNonNull;

/**
 * One way a candidate schema breaks compatibility with an earlier version.
 *
 * @param path the field path concerned ({@code device.os}), or {@code "$"} for the whole schema
 * @param oldType the field's type in the earlier version, or {@code null} when it did not exist there
 * @param newType the field's type in the candidate, or {@code null} when it no longer exists
 * @param rule the broken rule, stable for machines
 * @param againstVersion the earlier version checked against
 * @param message a precise sentence for humans, with the values involved
 */
public record Incompatibility(
        String path, String oldType, String newType, IncompatibilityRule rule, int againstVersion, String message) {

    public Incompatibility {
        requireNonNull(path, "path is null");
        requireNonNull(rule, "rule is null");
        requireNonNull(message, "message is null");
    }
}
