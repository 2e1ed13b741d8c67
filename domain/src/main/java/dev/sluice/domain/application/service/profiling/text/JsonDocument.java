package dev.sluice.domain.application.service.profiling.text;

import dev.sluice.domain.model.payload.PayloadValue;

import static java.util.Objects.requireNonNull;

/** One document of a JSON input: parsed, or malformed with where and why. */
public sealed interface JsonDocument {

    /** The 0-based index of the document in its input. */
    long index();

    /** The 1-based line where the document starts (or, when malformed, where the error is). */
    long line();

    /** A well-formed document. */
    record Parsed(long index, long line, PayloadValue value) implements JsonDocument {
        public Parsed {
            requireNonNull(value, "value is null");
        }
    }

    /** A malformed document, skipped. */
    record Malformed(long index, long line, long column, String message) implements JsonDocument {
        public Malformed {
            requireNonNull(message, "message is null");
        }
    }
}
