package dev.sluice.domain.model.validation;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The outcome of validating a payload: its violations, at most a bounded number of them.
 *
 * @param violations the violations found, in document order, structural ones before rule ones
 * @param truncated true when validation stopped at the bound and more violations may exist
 */
public record ValidationResult(List<Violation> violations, boolean truncated) {

    public static final ValidationResult VALID = new ValidationResult(List.of(), false);

    public ValidationResult {
        violations = List.copyOf(requireNonNull(violations, "violations is null"));
    }

    public boolean isValid() {
        return violations.isEmpty();
    }

    /** True when every violation is a rule violation (the payload's structure is fine). */
    public boolean onlyRuleViolations() {
        return !violations.isEmpty() && violations.stream().allMatch(
                v -> v.code() == ViolationCode.RULE_VIOLATED || v.code() == ViolationCode.RULE_ERROR);
    }
}
