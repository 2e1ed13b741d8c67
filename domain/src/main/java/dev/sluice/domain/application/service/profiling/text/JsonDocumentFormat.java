package dev.sluice.domain.application.service.profiling.text;

/** How documents are laid out in a JSON input. */
public enum JsonDocumentFormat {
    /**
     * One document per line (JSON Lines). A line break inside a document is an error, so a malformed
     * line is skipped exactly and reading resumes on the next line. Blank lines are ignored.
     */
    NDJSON,
    /**
     * One top-level array whose elements are the documents, streamed one at a time. A syntax error
     * ends the input: nothing frames the elements after it reliably.
     */
    ARRAY,
    /** Exactly one document, laid out freely; content after it is an error. */
    SINGLE,
    /**
     * Decided from the input: a first character '[' means {@link #ARRAY}. Otherwise the first
     * document decides: if it starts and ends on one line the input is {@link #NDJSON}; if it spans
     * lines the input is a sequence of pretty-printed documents, where a syntax error ends the input.
     */
    AUTO
}
