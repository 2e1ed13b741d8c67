package dev.sluice.domain.application.service.profiling.text;

import dev.sluice.domain.model.payload.PayloadValue;

import java.io.Closeable;
import java.io.InputStream;
import java.io.Reader;

import static java.util.Objects.requireNonNull;

/**
 * Streams the documents of a JSON input one at a time, whatever its {@link JsonDocumentFormat}:
 * only the current document is ever in memory, and {@link JsonReaderOptions} bounds its size and
 * depth. Malformed documents come back as {@link JsonDocument.Malformed} values, not exceptions, so
 * a caller can count them and go on. Not thread-safe.
 */
public final class JsonDocumentReader implements Closeable {

    private enum Mode { AUTO, NDJSON, ARRAY, SINGLE, SEQUENCE }

    private final JsonReader reader;
    private Mode mode;
    private boolean arrayOpened;
    private boolean singleRead;
    private boolean finished;
    private long index;

    private JsonDocumentReader(JsonReader reader, JsonDocumentFormat format) {
        this.reader = reader;
        this.mode = switch (requireNonNull(format, "format is null")) {
            case NDJSON -> Mode.NDJSON;
            case ARRAY -> Mode.ARRAY;
            case SINGLE -> Mode.SINGLE;
            case AUTO -> Mode.AUTO;
        };
        reader.lineFraming(mode == Mode.NDJSON);
        reader.documentDepth(mode == Mode.ARRAY ? 1 : 0);
    }

    /** Documents of UTF-8 bytes; malformed UTF-8 ends the input with a {@link JsonDocument.Malformed}. */
    public static JsonDocumentReader of(InputStream in, JsonDocumentFormat format, JsonReaderOptions options) {
        return new JsonDocumentReader(JsonReader.of(in, options), format);
    }

    public static JsonDocumentReader of(Reader in, JsonDocumentFormat format, JsonReaderOptions options) {
        return new JsonDocumentReader(new JsonReader(in, options), format);
    }

    /** The next document, or {@code null} when the input is exhausted (or cannot be read further). */
    public JsonDocument next() {
        if (finished) {
            return null;
        }
        long firstLine = -1;
        try {
            if (mode == Mode.AUTO) {
                if (reader.peekNonWhitespace() == '[') {
                    mode = Mode.ARRAY;
                    reader.documentDepth(1);
                } else {
                    JsonToken first = reader.next();
                    if (first == JsonToken.END_OF_INPUT) {
                        return finish();
                    }
                    firstLine = reader.tokenLine();
                    PayloadValue value = reader.readTree();
                    boolean oneLine = reader.tokenLine() == firstLine;
                    mode = oneLine ? Mode.NDJSON : Mode.SEQUENCE;
                    reader.lineFraming(oneLine);
                    return new JsonDocument.Parsed(index++, firstLine, value);
                }
            }
            return switch (mode) {
                case NDJSON, SEQUENCE -> nextTopLevel();
                case ARRAY -> nextElement();
                case SINGLE -> nextSingle();
                case AUTO -> throw new IllegalStateException("format not decided");
            };
        } catch (TextSyntaxException e) {
            boolean resumable = e.recoverable() && (mode == Mode.NDJSON
                    || (mode == Mode.AUTO && (firstLine == -1 || e.line() == firstLine)));
            if (resumable) {
                if (mode == Mode.AUTO) {
                    mode = Mode.NDJSON;
                    reader.lineFraming(true);
                }
                reader.skipToNextLine();
            } else {
                finished = true;
            }
            return new JsonDocument.Malformed(index++, e.line(), e.column(), e.problem());
        }
    }

    private JsonDocument nextTopLevel() {
        if (reader.next() == JsonToken.END_OF_INPUT) {
            return finish();
        }
        long line = reader.tokenLine();
        PayloadValue value = reader.readTree();
        return new JsonDocument.Parsed(index++, line, value);
    }

    private JsonDocument nextElement() {
        if (!arrayOpened) {
            JsonToken open = reader.next();
            if (open == JsonToken.END_OF_INPUT) {
                return finish();
            }
            if (open != JsonToken.BEGIN_ARRAY) {
                throw new TextSyntaxException("expected a top-level array of documents but found " + open,
                        reader.tokenLine(), reader.tokenColumn(), -1, false);
            }
            arrayOpened = true;
        }
        JsonToken token = reader.next();
        if (token == JsonToken.END_ARRAY) {
            if (reader.next() != JsonToken.END_OF_INPUT) {
                throw new TextSyntaxException("unexpected content after the top-level array",
                        reader.tokenLine(), reader.tokenColumn(), -1, false);
            }
            return finish();
        }
        long line = reader.tokenLine();
        PayloadValue value = reader.readTree();
        return new JsonDocument.Parsed(index++, line, value);
    }

    private JsonDocument nextSingle() {
        if (singleRead) {
            if (reader.next() != JsonToken.END_OF_INPUT) {
                throw new TextSyntaxException("unexpected content after the document",
                        reader.tokenLine(), reader.tokenColumn(), -1, false);
            }
            return finish();
        }
        if (reader.next() == JsonToken.END_OF_INPUT) {
            return finish();
        }
        singleRead = true;
        long line = reader.tokenLine();
        PayloadValue value = reader.readTree();
        return new JsonDocument.Parsed(index++, line, value);
    }

    private JsonDocument finish() {
        finished = true;
        return null;
    }

    @Override
    public void close() {
        reader.close();
    }
}
