package dev.sluice.ingestion.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.sluice.domain.model.ingest.DeadLetterReason;
import dev.sluice.domain.model.payload.ArrayValue;
import dev.sluice.domain.model.payload.BooleanValue;
import dev.sluice.domain.model.payload.NullValue;
import dev.sluice.domain.model.payload.NumberValue;
import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.model.payload.PayloadParser;
import dev.sluice.domain.model.payload.PayloadValue;
import dev.sluice.domain.model.payload.StringValue;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Splits a body into items and parses each one with Jackson's streaming parser, within
 * {@link ParseLimits}. Thread-safe: it holds an immutable {@link JsonFactory} and, as a racy hint, the last
 * root object it built.
 *
 * <p>How a body is split (ADR "Streaming parser and limits"):
 * <ol>
 *   <li>{@link BodyFormat#NDJSON}: one item per line ({@code \n}, an optional {@code \r} before it
 *       is trimmed). Blank lines are ignored and take no index. A bad line never affects another.</li>
 *   <li>{@link BodyFormat#JSON} whose first byte (after whitespace and a UTF-8 BOM) is not
 *       {@code [}: the whole body is one item.</li>
 *   <li>{@link BodyFormat#JSON} starting with {@code [}: a structural scanner that tracks only
 *       strings, escapes and bracket depth cuts the array into its elements, and each element is
 *       then parsed on its own. An element whose strings and brackets balance is isolated even when
 *       its content is malformed ({@code {"a": tru}}), too deep or too large. When the scanner itself
 *       loses track (an unterminated string or bracket, a missing comma, content after the closing
 *       bracket), everything from the first byte it cannot place to the end of the body becomes one
 *       last NOT_JSON item.</li>
 * </ol>
 * In every case each non-whitespace byte of the body, except an array's own brackets and commas,
 * belongs to exactly one item, so nothing is dropped.
 *
 * <p>Each item is read by the domain's {@link PayloadParser} first: a strict reader of the common
 * case that keeps where each member's value was received (so the lake can store it as received).
 * Whatever it refuses, Jackson reads, and Jackson alone decides every error below (ADR-095).
 *
 * <p>Per item: more than {@code maxEventBytes} is OVERSIZED (checked before parsing); nesting deeper
 * than {@code maxNestingDepth} is TOO_DEEP; bytes that start like UTF-16/32, or are not UTF-8, are
 * UNSUPPORTED_ENCODING; anything else that is not exactly one strict JSON value (syntax errors,
 * trailing content, duplicate member names) is NOT_JSON. Details give the body's 1-based line and
 * byte column.
 */
public final class JsonItemParser {

    private static final int MAX_DETAIL_CHARS = 400;

    private final ParseLimits limits;
    private final JsonFactory factory;
    /** The fast path (ADR-095), or null for Jackson alone (tests compare the two). */
    private final PayloadParser fast;
    /** The last root object with members, as the template of the next one (see {@link #readRoot}). */
    private ObjectValue lastRoot;

    public JsonItemParser(ParseLimits limits) {
        this(limits, true);
    }

    /**
     * @param fastPath whether items are read by the domain's {@link PayloadParser} first, Jackson
     *                 reading only what it refuses (the default); false for Jackson alone
     */
    JsonItemParser(ParseLimits limits, boolean fastPath) {
        this.limits = requireNonNull(limits, "limits is null");
        // One level below the limit: a document near it goes to Jackson, which reports TOO_DEEP exactly.
        this.fast = fastPath ? new PayloadParser(Math.max(1, limits.maxNestingDepth() - 1)) : null;
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxNestingDepth())
                        .maxDocumentLength(limits.maxEventBytes())
                        .maxStringLength(limits.maxEventBytes())
                        .maxNameLength(limits.maxEventBytes())
                        .build())
                // Duplicate member names are refused in readObject, through the builder's index, rather than by
                // Jackson's detector, which fills a HashSet per object.
                .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    public ParseLimits limits() {
        return limits;
    }

    /** The items of {@code body}, in order; empty when the body holds only whitespace (or is {@code []}). */
    public List<ParsedItem> split(byte[] body, BodyFormat format) {
        requireNonNull(body, "body is null");
        requireNonNull(format, "format is null");
        Lines lines = new Lines(body);
        return switch (format) {
            case NDJSON -> splitLines(body, lines);
            case JSON -> splitJson(body, lines);
        };
    }

    /** Parses one whole document, such as a Kafka record value. */
    public ParsedItem parseDocument(byte[] bytes) {
        requireNonNull(bytes, "bytes is null");
        return parseSlice(bytes, 0, bytes.length, new Lines(bytes));
    }

    /**
     * Parses one whole document like {@link #parseDocument(byte[])}, but the item keeps {@code bytes}
     * itself rather than a copy: for a caller that hands the array over and never writes to it again
     * (a Kafka record's value), so that the bytes are not copied once more here.
     */
    public ParsedItem parseOwnedDocument(byte[] bytes) {
        requireNonNull(bytes, "bytes is null");
        return parseSlice(bytes, 0, bytes.length, new Lines(bytes), bytes);
    }

    private List<ParsedItem> splitLines(byte[] body, Lines lines) {
        List<ParsedItem> items = new ArrayList<>();
        int start = skipBom(body);
        while (start < body.length) {
            int newline = indexOf(body, (byte) '\n', start);
            int end = newline < 0 ? body.length : newline;
            int s = skipWhitespace(body, start, end);
            int e = trimEnd(body, s, end);
            if (s < e) {
                items.add(parseSlice(body, s, e, lines));
            }
            start = end + 1;
        }
        return items;
    }

    private List<ParsedItem> splitJson(byte[] body, Lines lines) {
        int start = skipWhitespace(body, skipBom(body), body.length);
        int end = trimEnd(body, start, body.length);
        if (start == end) {
            return List.of();
        }
        if (body[start] != '[') {
            return List.of(parseSlice(body, start, end, lines));
        }
        List<ParsedItem> items = new ArrayList<>();
        int pos = skipWhitespace(body, start + 1, body.length);
        if (pos < body.length && body[pos] == ']') {
            pos = skipWhitespace(body, pos + 1, body.length);
            if (pos < body.length) {
                items.add(remainder(body, pos, lines, "content after the closing ']' of the array"));
            }
            return items;
        }
        while (pos < body.length) {
            int elementEnd = scanValue(body, pos);
            if (elementEnd < 0) {
                items.add(remainder(body, pos, lines, null));
                return items;
            }
            items.add(parseSlice(body, pos, elementEnd, lines));
            int next = skipWhitespace(body, elementEnd, body.length);
            if (next < body.length && body[next] == ',') {
                pos = skipWhitespace(body, next + 1, body.length);
                if (pos >= body.length || body[pos] == ']' || body[pos] == ',') {
                    items.add(remainder(body, Math.min(pos, body.length), lines,
                            "expected an array element after ','"));
                    return items;
                }
            } else if (next < body.length && body[next] == ']') {
                int after = skipWhitespace(body, next + 1, body.length);
                if (after < body.length) {
                    items.add(remainder(body, after, lines, "content after the closing ']' of the array"));
                }
                return items;
            } else {
                items.add(remainder(body, next, lines, next < body.length
                        ? "expected ',' or ']' after an array element"
                        : "the array is not closed: expected ',' or ']'"));
                return items;
            }
        }
        items.add(remainder(body, body.length, lines, "the array is not closed: expected an element or ']'"));
        return items;
    }

    /**
     * The end (exclusive) of the JSON value starting at {@code start}, found by tracking strings and
     * bracket depth only, or -1 when the body ends first. A scalar ends before the first whitespace,
     * comma or closing bracket outside a string.
     */
    private static int scanValue(byte[] b, int start) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < b.length; i++) {
            byte c = b[i];
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                    if (depth == 0) {
                        return i + 1;
                    }
                }
                continue;
            }
            switch (c) {
                case '"' -> inString = true;
                case '{', '[' -> depth++;
                case '}', ']' -> {
                    if (depth == 0) {
                        return i == start ? -1 : i;
                    }
                    if (--depth == 0) {
                        return i + 1;
                    }
                }
                case ',', ' ', '\t', '\r', '\n' -> {
                    if (depth == 0) {
                        return i;
                    }
                }
                default -> {
                }
            }
        }
        return depth == 0 && !inString && start < b.length ? b.length : -1;
    }

    /** Everything from {@code start} to the end of the body, as one NOT_JSON item. */
    private ParsedItem remainder(byte[] body, int start, Lines lines, String why) {
        int end = trimEnd(body, start, body.length);
        byte[] bytes = Arrays.copyOfRange(body, start, Math.max(start, end));
        String detail;
        if (why != null) {
            detail = lines.describe(start) + ": " + why;
        } else if (end - start > limits.maxEventBytes()) {
            detail = lines.describe(start) + ": the array's structure breaks in an element that does not end "
                    + "(unterminated string or bracket); the remaining " + bytes.length + " bytes are kept as one item";
        } else {
            ParsedItem attempt = parseSlice(body, start, end, lines);
            detail = attempt instanceof ParsedItem.Unparseable u
                    ? u.detail()
                    : lines.describe(start) + ": the array's structure breaks here";
            detail = detail + " (the rest of the array, " + bytes.length + " bytes, is kept as one item)";
        }
        return new ParsedItem.Unparseable(bytes, DeadLetterReason.NOT_JSON, abbreviate(detail),
                lines.line(start), lines.column(start));
    }

    private ParsedItem parseSlice(byte[] body, int start, int end, Lines lines) {
        return parseSlice(body, start, end, lines, Arrays.copyOfRange(body, start, end));
    }

    /** Parses {@code bytes}, the item's own copy of {@code body[start..end)}. */
    private ParsedItem parseSlice(byte[] body, int start, int end, Lines lines, byte[] bytes) {
        int length = end - start;
        int line = lines.line(start);
        int column = lines.column(start);
        if (length > limits.maxEventBytes()) {
            return new ParsedItem.Unparseable(bytes, DeadLetterReason.OVERSIZED,
                    lines.describe(start) + ": the event is " + length + " bytes, more than the limit of "
                            + limits.maxEventBytes() + " bytes", line, column);
        }
        if (length == 0) {
            return new ParsedItem.Unparseable(bytes, DeadLetterReason.NOT_JSON,
                    lines.describe(start) + ": empty document", line, column);
        }
        if (looksLikeUtf16Or32(bytes)) {
            return new ParsedItem.Unparseable(bytes, DeadLetterReason.UNSUPPORTED_ENCODING,
                    lines.describe(start) + ": the bytes look like UTF-16 or UTF-32; Sluice reads UTF-8 only",
                    line, column);
        }
        if (fast != null) {
            PayloadValue quick = fast.parse(bytes, 0, bytes.length, lastRoot);
            if (quick != null) {
                if (quick instanceof ObjectValue root && root.size() > 0) {
                    lastRoot = root;
                }
                return new ParsedItem.Parsed(bytes, quick, line, column);
            }
        }
        JsonParser parser = null;
        try {
            parser = factory.createParser(bytes);
            JsonToken first = parser.nextToken();
            PayloadValue value = first == JsonToken.START_OBJECT ? readRoot(parser) : read(parser, first);
            JsonToken extra = parser.nextToken();
            if (extra != null) {
                return new ParsedItem.Unparseable(bytes, DeadLetterReason.NOT_JSON,
                        abbreviate(at(lines, start, parser.currentTokenLocation())
                                + ": unexpected content after the JSON value"), line, column);
            }
            return new ParsedItem.Parsed(bytes, value, line, column);
        } catch (StreamConstraintsException e) {
            String message = String.valueOf(e.getOriginalMessage());
            DeadLetterReason reason = message.contains("nesting depth") ? DeadLetterReason.TOO_DEEP
                    : message.contains("length") && !message.contains("Number") ? DeadLetterReason.OVERSIZED
                    : DeadLetterReason.NOT_JSON;
            String detail = reason == DeadLetterReason.TOO_DEEP
                    ? "the event nests deeper than the limit of " + limits.maxNestingDepth() + " levels"
                    : message;
            JsonLocation where = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
            // The parser stands just after the bracket that went one level too deep: point at it.
            int shift = reason == DeadLetterReason.TOO_DEEP && e.getLocation() == null ? -1 : 0;
            return new ParsedItem.Unparseable(bytes, reason,
                    abbreviate(at(lines, start + shift, where) + ": " + detail), line, column);
        } catch (JsonProcessingException e) {
            String message = String.valueOf(e.getOriginalMessage());
            DeadLetterReason reason = message.startsWith("Invalid UTF-8")
                    ? DeadLetterReason.UNSUPPORTED_ENCODING : DeadLetterReason.NOT_JSON;
            return new ParsedItem.Unparseable(bytes, reason,
                    abbreviate(at(lines, start, e.getLocation()) + ": " + message), line, column);
        } catch (NumberFormatException | ArithmeticException e) {
            // Well-formed JSON, but a number no BigDecimal holds (an exponent beyond the int range, such as
            // 1e2147483648): a dead letter like any unreadable item, never a failure of the batch.
            JsonLocation where = parser == null ? null : parser.currentTokenLocation();
            return new ParsedItem.Unparseable(bytes, DeadLetterReason.NOT_JSON,
                    abbreviate(at(lines, start, where) + ": a number is beyond the range Sluice holds ("
                            + e.getMessage() + ")"), line, column);
        } catch (IOException e) {
            // Only JsonProcessingException is possible over a byte array; keep the item all the same.
            return new ParsedItem.Unparseable(bytes, DeadLetterReason.NOT_JSON,
                    abbreviate(lines.describe(start) + ": " + e.getMessage()), line, column);
        } finally {
            closeQuietly(parser);
        }
    }

    private static void closeQuietly(JsonParser parser) {
        if (parser != null) {
            try {
                parser.close();
            } catch (IOException ignored) {
                // A parser over a byte array holds no resource.
            }
        }
    }

    /**
     * The root object, built like the last root object this parser built: a stream of events of one
     * producer repeats its member names in the same order, and then every event shares one
     * {@code ObjectValue} shape (its name index is built once). Any other order works the same, only
     * without the sharing. The field is racy on purpose: any earlier root is a correct template.
     */
    private PayloadValue readRoot(JsonParser p) throws IOException {
        ObjectValue template = lastRoot;
        ObjectValue root = readObject(p, template == null ? ObjectValue.builder() : ObjectValue.builderLike(template));
        if (root.size() > 0) {
            lastRoot = root;
        }
        return root;
    }

    private static ObjectValue readObject(JsonParser p, ObjectValue.Builder members) throws IOException {
        // Jackson's symbol table hands out one canonical String per member name, so names are not copied per event.
        String name;
        while ((name = p.nextFieldName()) != null) {
            if (members.contains(name)) {
                throw new com.fasterxml.jackson.core.JsonParseException(p, "Duplicate field '" + name + "'");
            }
            members.put(name, read(p, p.nextToken()));
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            throw new com.fasterxml.jackson.core.JsonParseException(p, "expected a member name or '}'");
        }
        return members.build();
    }

    private static PayloadValue read(JsonParser p, JsonToken token) throws IOException {
        if (token == null) {
            throw new com.fasterxml.jackson.core.JsonParseException(p, "empty document");
        }
        return switch (token) {
            case START_OBJECT -> readObject(p, ObjectValue.builder());
            case START_ARRAY -> {
                List<PayloadValue> elements = new ArrayList<>();
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    elements.add(read(p, t));
                }
                yield new ArrayValue(elements);
            }
            case VALUE_STRING -> new StringValue(p.getText());
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT, LONG -> NumberValue.of(p.getLongValue());
                default -> NumberValue.of(p.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> fraction(p);
            case VALUE_TRUE -> BooleanValue.TRUE;
            case VALUE_FALSE -> BooleanValue.FALSE;
            case VALUE_NULL -> NullValue.INSTANCE;
            default -> throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected token " + token);
        };
    }

    /**
     * A number with a fraction or an exponent, as {@link #number(BigDecimal)} would hold it. Fast path
     * without a BigDecimal: a decimal of at most 15 significant digits whose double is normal and not
     * zero is that double exactly in shortest form (15 digits always survive the round trip, and no
     * other decimal of 15 digits or fewer lies within the double's rounding interval), so it is held
     * as the Double that {@link #number(BigDecimal)} would choose too.
     */
    private static NumberValue fraction(JsonParser p) throws IOException {
        char[] text = p.getTextCharacters();
        int from = p.getTextOffset();
        int to = from + p.getTextLength();
        int significant = 0;
        boolean leading = true;
        for (int i = from; i < to; i++) {
            char c = text[i];
            if (c == 'e' || c == 'E') {
                break;
            }
            if (c >= '0' && c <= '9') {
                if (c != '0' || !leading) {
                    leading = false;
                    significant++;
                }
            }
        }
        if (significant <= 15) {
            double d = p.getDoubleValue();
            double magnitude = Math.abs(d);
            if (magnitude >= Double.MIN_NORMAL && magnitude <= Double.MAX_VALUE) {
                return NumberValue.of(d);
            }
        }
        return number(p.getDecimalValue());
    }

    /** A Double when it holds the decimal exactly as written (shortest form), else the exact BigDecimal. */
    private static NumberValue number(BigDecimal decimal) {
        double d = decimal.doubleValue();
        if (!Double.isInfinite(d) && BigDecimal.valueOf(d).compareTo(decimal) == 0) {
            return NumberValue.of(d);
        }
        return NumberValue.of(decimal);
    }

    private static String at(Lines lines, int sliceStart, JsonLocation location) {
        if (location == null || location.getByteOffset() < 0) {
            return lines.describe(sliceStart);
        }
        return lines.describe(sliceStart + (int) location.getByteOffset());
    }

    private static boolean looksLikeUtf16Or32(byte[] b) {
        if (b.length >= 2 && ((b[0] == (byte) 0xFE && b[1] == (byte) 0xFF) || (b[0] == (byte) 0xFF && b[1] == (byte) 0xFE))) {
            return true;
        }
        // JSON text in UTF-8 never holds a raw NUL; UTF-16/32 text has one in its first four bytes.
        for (int i = 0; i < Math.min(4, b.length); i++) {
            if (b[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private static int skipBom(byte[] b) {
        return b.length >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF ? 3 : 0;
    }

    private static boolean isWhitespace(byte c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static int skipWhitespace(byte[] b, int from, int to) {
        int i = from;
        while (i < to && isWhitespace(b[i])) {
            i++;
        }
        return i;
    }

    private static int trimEnd(byte[] b, int from, int to) {
        int i = to;
        while (i > from && isWhitespace(b[i - 1])) {
            i--;
        }
        return i;
    }

    private static int indexOf(byte[] b, byte value, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static String abbreviate(String s) {
        return s.length() <= MAX_DETAIL_CHARS ? s : s.substring(0, MAX_DETAIL_CHARS - 3) + "...";
    }

    /** Line and column of a body offset; the newline index is built only when first needed. */
    private static final class Lines {
        private final byte[] body;
        private int[] newlines;

        Lines(byte[] body) {
            this.body = body;
        }

        int line(int offset) {
            return offset == 0 ? 1 : lineIndex(offset) + 1;
        }

        int column(int offset) {
            if (offset == 0) {
                return 1;
            }
            int index = lineIndex(offset);
            int lineStart = index == 0 ? 0 : newlines[index - 1] + 1;
            return offset - lineStart + 1;
        }

        String describe(int offset) {
            return "line " + line(offset) + ", column " + column(offset);
        }

        private int lineIndex(int offset) {
            if (newlines == null) {
                int count = 0;
                for (byte c : body) {
                    if (c == '\n') {
                        count++;
                    }
                }
                newlines = new int[count];
                int n = 0;
                for (int i = 0; i < body.length; i++) {
                    if (body[i] == '\n') {
                        newlines[n++] = i;
                    }
                }
            }
            int found = Arrays.binarySearch(newlines, offset);
            // A newline itself belongs to the line it ends.
            return found >= 0 ? found : -found - 1;
        }
    }
}
