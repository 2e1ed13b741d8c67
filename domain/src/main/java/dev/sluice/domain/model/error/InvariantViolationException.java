package dev.sluice.domain.model.error;

/** A rule the code relies on does not hold. It signals a bug and is never retried. */
public final class InvariantViolationException extends DomainException {

    public InvariantViolationException(String message) {
        super(DomainErrorCode.INVARIANT_VIOLATED, message, null);
    }

    /**
     * Throws when {@code condition} is false, with the message formatted from {@code format} and
     * {@code args} (like Iceberg's {@code ValidationException.check}).
     */
    public static void check(boolean condition, String format, Object... args) {
        if (!condition) {
            throw new InvariantViolationException(String.format(format, args));
        }
    }
}
