package dev.sluice.domain.model.profile;

import static java.util.Objects.requireNonNull;

/**
 * A document or row that profiling skipped because it was malformed.
 *
 * @param index the 0-based index of the document (JSON) or record (CSV) in its input
 * @param line the 1-based line of the error
 * @param column the 1-based column of the error, in UTF-16 code units
 * @param message what is wrong, with the offending value
 */
public record ProfileError(long index, long line, long column, String message) {

    public ProfileError {
        requireNonNull(message, "message is null");
        if (index < 0 || line < 1 || column < 1) {
            throw new IllegalArgumentException("a profile error needs index >= 0, line >= 1 and column >= 1, got "
                    + index + ", " + line + ", " + column + " (" + message + ")");
        }
    }

    @Override
    public String toString() {
        return "document " + index + " at line " + line + ", column " + column + ": " + message;
    }
}
