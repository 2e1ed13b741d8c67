package dev.sluice.domain.application.service.profiling.text;

/**
 * Limits that keep one hostile document from exhausting the stack or the heap.
 *
 * @param maxDepth the deepest nesting of objects and arrays within one document, 1 to {@value #MAX_DEPTH_LIMIT}
 * @param maxDocumentChars the most characters one document may span, at least 2
 */
public record JsonReaderOptions(int maxDepth, long maxDocumentChars) {

    /** Trees are built recursively: this bounds the stack a document can use. */
    public static final int MAX_DEPTH_LIMIT = 1000;

    /** 64 levels (telemetry rarely nests past 10) and 16 Mi characters per document. */
    public static final JsonReaderOptions DEFAULTS = new JsonReaderOptions(64, 16L << 20);

    public JsonReaderOptions {
        if (maxDepth < 1 || maxDepth > MAX_DEPTH_LIMIT) {
            throw new IllegalArgumentException("maxDepth must be 1 to " + MAX_DEPTH_LIMIT + ", got " + maxDepth);
        }
        if (maxDocumentChars < 2) {
            throw new IllegalArgumentException("maxDocumentChars must be at least 2, got " + maxDocumentChars);
        }
    }

    public JsonReaderOptions withMaxDepth(int depth) {
        return new JsonReaderOptions(depth, maxDocumentChars);
    }

    public JsonReaderOptions withMaxDocumentChars(long chars) {
        return new JsonReaderOptions(maxDepth, chars);
    }
}
