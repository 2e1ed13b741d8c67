package dev.sluice.domain.application.service.compatibility;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** Every incompatibility found, not just the first. Empty means compatible. */
public record CompatibilityResult(List<Incompatibility> incompatibilities) {

    public static final CompatibilityResult COMPATIBLE = new CompatibilityResult(List.of());

    public CompatibilityResult {
        incompatibilities = List.copyOf(requireNonNull(incompatibilities, "incompatibilities is null"));
    }

    public boolean isCompatible() {
        return incompatibilities.isEmpty();
    }
}
