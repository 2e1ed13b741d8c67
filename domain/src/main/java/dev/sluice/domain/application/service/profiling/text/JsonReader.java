package dev.sluice.domain.application.service.profiling.text;

import dev.sluice.domain.model.payload.ArrayValue;
import dev.sluice.domain.model.payload.BooleanValue;
import dev.sluice.domain.model.payload.NullValue;
import dev.sluice.domain.model.payload.NumberValue;
import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.model.payload.PayloadValue;
import dev.sluice.domain.model.payload.StringValue;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A strict, streaming, pull-style JSON reader (RFC 8259) over a {@link Reader}: it holds one
 * buffer of characters and the nesting stack, never the input.
 *
 * <p>Numbers become a {@link Long} when integral and in range, a {@link Double} when the literal has a
 * fraction or an exponent and at most 17 significant digits (Double's round-trip precision) and
 * fits, and a {@link BigDecimal} otherwise, so that nothing is silently lost. Strings must pair
 * their surrogates, escaped or raw. A sequence of top-level values separated by whitespace is
 * accepted; {@link JsonDocumentReader} frames them as NDJSON, an array or a single document.
 *
 * <p>Lifecycle:
 * <ol>
 *   <li>Call {@link #next()} until it returns {@link JsonToken#END_OF_INPUT}, or call
 *       {@link #readTree()} after a value's first token to build the whole value.</li>
 *   <li>A {@link TextSyntaxException} leaves the reader failed. If the exception is
 *       {@linkplain TextSyntaxException#recoverable() recoverable}, {@link #skipToNextLine()} resumes
 *       at the top level on the next line; otherwise the input cannot be read further.</li>
 *   <li>{@link #close()} closes the underlying reader.</li>
 * </ol>
 * Not thread-safe.
 */
public final class JsonReader implements Closeable {

    static final int EOF = -1;
    private static final int MAX_NUMBER_CHARS = 1000;

    private static final int TOP = 0;
    private static final int OBJECT_FIRST = 1;
    private static final int OBJECT_NAME = 2;
    private static final int OBJECT_COLON = 3;
    private static final int OBJECT_AFTER_VALUE = 4;
    private static final int ARRAY_FIRST = 5;
    private static final int ARRAY_VALUE = 6;
    private static final int ARRAY_AFTER_VALUE = 7;
    private static final int FAILED = 8;

    private final Reader in;
    private final int maxDepth;
    private final long maxDocumentChars;
    private final char[] buf = new char[8192];
    private int pos;
    private int limit;
    private long bufferStart;
    private boolean eof;
    private boolean started;
    private long line = 1;
    private long lineStart;

    private boolean[] objectAt = new boolean[16];
    private int depth;
    private int documentDepth;
    private long documentStart = -1;
    private boolean lineFraming;
    private int state = TOP;
    private TextSyntaxException failure;

    private JsonToken token;
    private String text;
    private String memberName;
    private Number number;
    private long tokenLine = 1;
    private long tokenColumn = 1;
    private long tokenOffset;

    private final StringBuilder chars = new StringBuilder();
    private char[] digits = new char[32];

    public JsonReader(Reader in) {
        this(in, JsonReaderOptions.DEFAULTS);
    }

    public JsonReader(Reader in, JsonReaderOptions options) {
        this.in = requireNonNull(in, "in is null");
        requireNonNull(options, "options is null");
        this.maxDepth = options.maxDepth();
        this.maxDocumentChars = options.maxDocumentChars();
    }

    /** A reader of UTF-8 bytes that refuses malformed UTF-8 instead of replacing it. */
    public static JsonReader of(InputStream in, JsonReaderOptions options) {
        return new JsonReader(utf8(in), options);
    }

    static Reader utf8(InputStream in) {
        return new StrictUtf8Reader(in);
    }

    /** With line framing (NDJSON), a line break inside a document is an error at that line break. */
    void lineFraming(boolean on) {
        this.lineFraming = on;
    }

    /** 0 when top-level values are documents, 1 when the elements of a top-level array are. */
    void documentDepth(int level) {
        this.documentDepth = level;
    }

    /** The current token, {@code null} before the first call to {@link #next()}. */
    public JsonToken token() {
        return token;
    }

    /** The name or string of the current NAME or STRING token. */
    public String text() {
        if (token != JsonToken.NAME && token != JsonToken.STRING) {
            throw new IllegalStateException("the current token is " + token + ", not NAME or STRING");
        }
        return text;
    }

    /** The number of the current NUMBER token: a Long, Double or BigDecimal. */
    public Number number() {
        if (token != JsonToken.NUMBER) {
            throw new IllegalStateException("the current token is " + token + ", not NUMBER");
        }
        return number;
    }

    /** The nesting depth after the current token: 1 inside a top-level object, 0 between values. */
    public int depth() {
        return depth;
    }

    /** The 1-based line where the current token starts. */
    public long tokenLine() {
        return tokenLine;
    }

    /** The 1-based column where the current token starts. */
    public long tokenColumn() {
        return tokenColumn;
    }

    /** The next token. */
    public JsonToken next() {
        if (state == FAILED) {
            throw new IllegalStateException("the reader failed (" + failure.getMessage() + ")"
                    + (failure.recoverable() ? "; call skipToNextLine() to resume" : " and cannot resume"));
        }
        text = null;
        number = null;
        while (true) {
            int c = skipWhitespace();
            switch (state) {
                case TOP -> {
                    if (c == EOF) {
                        mark();
                        return token = JsonToken.END_OF_INPUT;
                    }
                    return value(c);
                }
                case OBJECT_FIRST, OBJECT_NAME -> {
                    mark();
                    if (c == '"') {
                        pos++;
                        text = readString();
                        memberName = text;
                        state = OBJECT_COLON;
                        return token = JsonToken.NAME;
                    }
                    if (c == '}' && state == OBJECT_FIRST) {
                        pos++;
                        return token = endContainer(JsonToken.END_OBJECT);
                    }
                    throw error((state == OBJECT_FIRST ? "expected a member name or '}'" : "expected a member name after ','")
                            + " but found " + describe(c));
                }
                case OBJECT_COLON -> {
                    if (c != ':') {
                        throw error("expected ':' after member name \"" + memberName + "\" but found " + describe(c));
                    }
                    pos++;
                    return value(skipWhitespace());
                }
                case OBJECT_AFTER_VALUE -> {
                    if (c == ',') {
                        pos++;
                        state = OBJECT_NAME;
                        continue;
                    }
                    mark();
                    if (c == '}') {
                        pos++;
                        return token = endContainer(JsonToken.END_OBJECT);
                    }
                    throw error("expected ',' or '}' after a member value but found " + describe(c));
                }
                case ARRAY_FIRST -> {
                    if (c == ']') {
                        mark();
                        pos++;
                        return token = endContainer(JsonToken.END_ARRAY);
                    }
                    return value(c);
                }
                case ARRAY_VALUE -> {
                    return value(c);
                }
                case ARRAY_AFTER_VALUE -> {
                    if (c == ',') {
                        pos++;
                        state = ARRAY_VALUE;
                        continue;
                    }
                    mark();
                    if (c == ']') {
                        pos++;
                        return token = endContainer(JsonToken.END_ARRAY);
                    }
                    throw error("expected ',' or ']' after an array element but found " + describe(c));
                }
                default -> throw new IllegalStateException("unknown state " + state);
            }
        }
    }

    /** Reads the next value whole, or returns {@code null} at the end of the input. */
    public PayloadValue nextTree() {
        return next() == JsonToken.END_OF_INPUT ? null : readTree();
    }

    /**
     * Builds the value whose first token {@link #next()} just returned, reading up to and including
     * its last token. Duplicate member names are refused: RFC 8259 leaves their meaning open, and
     * two readers that disagree on it are a classic smuggling channel.
     */
    public PayloadValue readTree() {
        return switch (token) {
            case BEGIN_OBJECT -> readObject();
            case BEGIN_ARRAY -> readArray();
            case STRING -> new StringValue(text);
            case NUMBER -> new NumberValue(number);
            case TRUE -> BooleanValue.TRUE;
            case FALSE -> BooleanValue.FALSE;
            case NULL -> NullValue.INSTANCE;
            case null, default -> throw new IllegalStateException("the current token " + token + " does not start a value");
        };
    }

    private ObjectValue readObject() {
        LinkedHashMap<String, PayloadValue> members = new LinkedHashMap<>();
        while (next() != JsonToken.END_OBJECT) {
            String name = text;
            long nameLine = tokenLine;
            long nameColumn = tokenColumn;
            long nameOffset = tokenOffset;
            next();
            if (members.putIfAbsent(name, readTree()) != null) {
                state = FAILED;
                throw failure = new TextSyntaxException("duplicate member name \"" + name + "\"", nameLine, nameColumn,
                        nameOffset, true);
            }
        }
        return new ObjectValue(members);
    }

    private ArrayValue readArray() {
        List<PayloadValue> elements = new ArrayList<>();
        while (next() != JsonToken.END_ARRAY) {
            elements.add(readTree());
        }
        return new ArrayValue(elements);
    }

    /**
     * After a recoverable error: drops the nesting, skips the rest of the current line and resumes
     * at the top level on the next one.
     */
    public void skipToNextLine() {
        if (state == FAILED && !failure.recoverable()) {
            throw new IllegalStateException("cannot resume after " + failure.getMessage());
        }
        depth = 0;
        state = TOP;
        documentStart = -1;
        failure = null;
        while (true) {
            if (pos == limit && !fill()) {
                return;
            }
            if (buf[pos++] == '\n') {
                line++;
                lineStart = bufferStart + pos;
                return;
            }
        }
    }

    /** The next non-whitespace character without consuming it, or {@link #EOF}. */
    int peekNonWhitespace() {
        return skipWhitespace();
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonToken value(int c) {
        mark();
        long offset = bufferStart + pos;
        if (depth == documentDepth) {
            documentStart = offset;
        } else if (documentStart >= 0 && offset - documentStart > maxDocumentChars) {
            throw tooLong();
        }
        switch (c) {
            case '{' -> {
                push(true);
                pos++;
                state = OBJECT_FIRST;
                return token = JsonToken.BEGIN_OBJECT;
            }
            case '[' -> {
                push(false);
                pos++;
                state = ARRAY_FIRST;
                return token = JsonToken.BEGIN_ARRAY;
            }
            case '"' -> {
                pos++;
                text = readString();
                token = JsonToken.STRING;
            }
            case 't' -> {
                literal("true");
                token = JsonToken.TRUE;
            }
            case 'f' -> {
                literal("false");
                token = JsonToken.FALSE;
            }
            case 'n' -> {
                literal("null");
                token = JsonToken.NULL;
            }
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    number = readNumber();
                    token = JsonToken.NUMBER;
                } else {
                    throw error("expected a value but found " + describe(c));
                }
            }
        }
        afterValue();
        return token;
    }

    private void push(boolean object) {
        if (depth + 1 - documentDepth > maxDepth) {
            throw error("nesting deeper than the limit of " + maxDepth);
        }
        if (depth == objectAt.length) {
            objectAt = java.util.Arrays.copyOf(objectAt, depth * 2);
        }
        objectAt[depth++] = object;
    }

    private JsonToken endContainer(JsonToken end) {
        depth--;
        afterValue();
        return end;
    }

    private void afterValue() {
        if (depth == documentDepth) {
            documentStart = -1;
        }
        state = depth == 0 ? TOP : objectAt[depth - 1] ? OBJECT_AFTER_VALUE : ARRAY_AFTER_VALUE;
    }

    private void mark() {
        tokenLine = line;
        tokenOffset = bufferStart + pos;
        tokenColumn = tokenOffset - lineStart + 1;
    }

    private int skipWhitespace() {
        while (true) {
            if (pos == limit && !fill()) {
                return EOF;
            }
            char c = buf[pos];
            if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '\n') {
                if (lineFraming && depth > documentDepth) {
                    throw error("the line ends inside a document (NDJSON holds one document per line)");
                }
                pos++;
                line++;
                lineStart = bufferStart + pos;
            } else {
                return c;
            }
        }
    }

    private int peek() {
        return pos == limit && !fill() ? EOF : buf[pos];
    }

    /** Refills the buffer once it is consumed; false at the end of the input. */
    private boolean fill() {
        if (eof) {
            return false;
        }
        if (documentStart >= 0 && bufferStart + limit - documentStart > maxDocumentChars) {
            throw tooLong();
        }
        bufferStart += limit;
        pos = 0;
        limit = 0;
        int n;
        try {
            do {
                n = in.read(buf, 0, buf.length);
            } while (n == 0);
        } catch (CharacterCodingException e) {
            state = FAILED;
            throw failure = new TextSyntaxException("invalid UTF-8 (" + e.getMessage() + ")", line,
                    bufferStart - lineStart + 1, bufferStart, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read JSON input at line " + line, e);
        }
        if (n < 0) {
            eof = true;
            return false;
        }
        limit = n;
        if (!started) {
            started = true;
            if (buf[0] == '\uFEFF') { // a byte order mark is not part of the text
                pos = 1;
                lineStart = 1;
            }
        }
        return true;
    }

    private TextSyntaxException tooLong() {
        return error("document longer than the limit of " + maxDocumentChars + " characters");
    }

    private TextSyntaxException error(String problem) {
        state = FAILED;
        long offset = bufferStart + pos;
        return failure = new TextSyntaxException(problem, line, offset - lineStart + 1, offset, true);
    }

    private static String describe(int c) {
        if (c == EOF) {
            return "the end of the input";
        }
        if (c < 0x20 || c == 0x7F || Character.isSurrogate((char) c)) {
            return String.format("U+%04X", c);
        }
        return "'" + (char) c + "'";
    }

    private void literal(String word) {
        for (int i = 0; i < word.length(); i++) {
            int c = peek();
            if (c != word.charAt(i)) {
                throw error("expected the literal '" + word + "' but found " + describe(c));
            }
            pos++;
        }
        requireDelimiter(peek(), word);
    }

    private void requireDelimiter(int c, String after) {
        if (!(c == EOF || c == ',' || c == ']' || c == '}' || c == ' ' || c == '\n' || c == '\r' || c == '\t')) {
            throw error("unexpected character " + describe(c) + " after " + after);
        }
    }

    private String readString() {
        int start = pos;
        while (pos < limit) {
            char c = buf[pos];
            if (c == '"') {
                String s = new String(buf, start, pos - start);
                pos++;
                return s;
            }
            if (c == '\\' || c < 0x20 || Character.isSurrogate(c)) {
                break;
            }
            pos++;
        }
        chars.setLength(0);
        chars.append(buf, start, pos - start);
        return readStringSlowly();
    }

    private String readStringSlowly() {
        long openLine = tokenLine;
        long openColumn = tokenColumn;
        while (true) {
            int c = peek();
            if (c == EOF) {
                throw error("unterminated string (opened at line " + openLine + ", column " + openColumn + ")");
            }
            if (c == '"') {
                pos++;
                return chars.toString();
            }
            if (c == '\\') {
                pos++;
                escape();
            } else if (c < 0x20) {
                throw error("control character " + describe(c) + " must be escaped in a string");
            } else if (Character.isHighSurrogate((char) c)) {
                pos++;
                int low = peek();
                if (low == EOF || !Character.isLowSurrogate((char) low)) {
                    throw error("high surrogate " + describe(c) + " is not followed by a low surrogate");
                }
                pos++;
                chars.append((char) c).append((char) low);
            } else if (Character.isLowSurrogate((char) c)) {
                throw error("low surrogate " + describe(c) + " without a high surrogate before it");
            } else {
                chars.append((char) c);
                pos++;
            }
        }
    }

    private void escape() {
        int e = peek();
        char decoded;
        switch (e) {
            case '"' -> decoded = '"';
            case '\\' -> decoded = '\\';
            case '/' -> decoded = '/';
            case 'b' -> decoded = '\b';
            case 'f' -> decoded = '\f';
            case 'n' -> decoded = '\n';
            case 'r' -> decoded = '\r';
            case 't' -> decoded = '\t';
            case 'u' -> {
                pos++;
                char unit = hex4();
                if (Character.isHighSurrogate(unit)) {
                    if (peek() != '\\') {
                        throw error(String.format("escaped high surrogate \\u%04X is not followed by an escaped low surrogate", (int) unit));
                    }
                    pos++;
                    if (peek() != 'u') {
                        throw error(String.format("escaped high surrogate \\u%04X is not followed by an escaped low surrogate", (int) unit));
                    }
                    pos++;
                    char low = hex4();
                    if (!Character.isLowSurrogate(low)) {
                        throw error(String.format("escaped high surrogate \\u%04X is followed by \\u%04X, not a low surrogate",
                                (int) unit, (int) low));
                    }
                    chars.append(unit).append(low);
                } else if (Character.isLowSurrogate(unit)) {
                    throw error(String.format("escaped low surrogate \\u%04X without a high surrogate before it", (int) unit));
                } else {
                    chars.append(unit);
                }
                return;
            }
            default -> throw error("invalid escape sequence '\\" + (e == EOF ? "" : String.valueOf((char) e))
                    + "'" + (e == EOF ? " at the end of the input" : ""));
        }
        pos++;
        chars.append(decoded);
    }

    private char hex4() {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int c = peek();
            int digit = Character.digit(c == EOF ? -1 : c, 16);
            if (c == EOF || digit < 0 || c > 'f') {
                throw error("expected a hex digit in a \\u escape but found " + describe(c));
            }
            value = value << 4 | digit;
            pos++;
        }
        return (char) value;
    }

    private Number readNumber() {
        int n = 0;
        boolean negative = false;
        long magnitude = 0;
        int intDigits = 0;
        boolean integral = true;
        int c = peek();
        if (c == '-') {
            n = put(n, c);
            negative = true;
            c = peek();
        }
        if (c == '0') {
            n = put(n, c);
            intDigits = 1;
            c = peek();
            if (c >= '0' && c <= '9') {
                throw error("leading zeros are not allowed in a number");
            }
        } else if (c >= '1' && c <= '9') {
            while (c >= '0' && c <= '9') {
                if (intDigits < 18) {
                    magnitude = magnitude * 10 + (c - '0');
                }
                intDigits++;
                n = put(n, c);
                c = peek();
            }
        } else {
            throw error("expected a digit after '-' but found " + describe(c));
        }
        if (c == '.') {
            integral = false;
            n = put(n, c);
            c = peek();
            if (c < '0' || c > '9') {
                throw error("expected a digit after the decimal point but found " + describe(c));
            }
            while (c >= '0' && c <= '9') {
                n = put(n, c);
                c = peek();
            }
        }
        if (c == 'e' || c == 'E') {
            integral = false;
            n = put(n, c);
            c = peek();
            if (c == '+' || c == '-') {
                n = put(n, c);
                c = peek();
            }
            if (c < '0' || c > '9') {
                throw error("expected a digit in the exponent but found " + describe(c));
            }
            while (c >= '0' && c <= '9') {
                n = put(n, c);
                c = peek();
            }
        }
        requireDelimiter(c, "a number");
        if (integral && intDigits <= 18) {
            return negative ? -magnitude : magnitude;
        }
        return convert(new String(digits, 0, n), integral);
    }

    /** Appends {@code c} to the number being read and consumes it. */
    private int put(int n, int c) {
        if (n == MAX_NUMBER_CHARS) {
            throw error("number longer than " + MAX_NUMBER_CHARS + " characters");
        }
        if (n == digits.length) {
            digits = java.util.Arrays.copyOf(digits, n * 2);
        }
        digits[n] = (char) c;
        pos++;
        return n + 1;
    }

    private Number convert(String literal, boolean integral) {
        try {
            if (integral) {
                BigDecimal exact = new BigDecimal(literal);
                try {
                    return exact.longValueExact();
                } catch (ArithmeticException beyondLong) {
                    return exact;
                }
            }
            int significant = 0;
            boolean leading = true;
            for (int i = 0; i < literal.length(); i++) {
                char c = literal.charAt(i);
                if (c == 'e' || c == 'E') {
                    break;
                }
                if (c >= '1' && c <= '9' || (c == '0' && !leading)) {
                    leading = false;
                    significant++;
                }
            }
            if (significant <= 17) {
                double d = Double.parseDouble(literal);
                if (!Double.isInfinite(d) && (d != 0 || significant == 0)) {
                    return d;
                }
            }
            return new BigDecimal(literal);
        } catch (NumberFormatException outOfRange) {
            throw error("number " + literal + " is out of range");
        }
    }
}
