package dev.sluice.domain.application.service.profiling.text;

import static java.util.Objects.requireNonNull;

/**
 * Input that is not well-formed JSON or CSV, with where it went wrong. The message names the
 * problem and the offending character or value; {@link #getMessage()} adds the position.
 */
public final class TextSyntaxException extends RuntimeException {

    private final String problem;
    private final long line;
    private final long column;
    private final long offset;
    private final boolean recoverable;

    TextSyntaxException(String problem, long line, long column, long offset, boolean recoverable) {
        super(requireNonNull(problem, "problem is null") + " at line " + line + ", column " + column, null, false, false);
        this.problem = problem;
        this.line = line;
        this.column = column;
        this.offset = offset;
        this.recoverable = recoverable;
    }

    /** What is wrong, without the position. */
    public String problem() {
        return problem;
    }

    /** The 1-based line. */
    public long line() {
        return line;
    }

    /** The 1-based column, in UTF-16 code units. */
    public long column() {
        return column;
    }

    /** The 0-based character offset from the start of the input. */
    public long offset() {
        return offset;
    }

    /** False when the input cannot be read past this error (invalid UTF-8, a broken top-level array). */
    public boolean recoverable() {
        return recoverable;
    }
}
