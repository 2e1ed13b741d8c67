package dev.sluice.domain.application.service.profiling.text;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A strict RFC 4180 record reader: cells separated by a delimiter, records ended by CRLF, LF or CR,
 * quoted cells that may hold delimiters, line breaks and doubled quotes. A quote inside an unquoted
 * cell, or anything but a delimiter or line break after a closing quote, is an error; the rest of
 * that line is skipped so that reading can go on. Blank lines are skipped. Holds one buffer and the
 * current record. Not thread-safe.
 */
final class CsvReader implements Closeable {

    private static final int EOF = -1;

    private final Reader in;
    private final char delimiter;
    private final int maxColumns;
    private final int maxCellChars;
    private final char[] buf = new char[8192];
    private int pos;
    private int limit;
    private long bufferStart;
    private boolean eof;
    private boolean started;
    private long line = 1;
    private long lineStart;
    private long recordLine;
    private final StringBuilder cell = new StringBuilder();

    CsvReader(Reader in, char delimiter, int maxColumns, int maxCellChars) {
        this.in = requireNonNull(in, "in is null");
        this.delimiter = delimiter;
        this.maxColumns = maxColumns;
        this.maxCellChars = maxCellChars;
    }

    /** The 1-based line where the last record started. */
    long recordLine() {
        return recordLine;
    }

    /** The next record's cells, {@code null} at the end of the input. */
    List<String> next() {
        while (true) {
            int c = peek();
            if (c == EOF) {
                return null;
            }
            if (c != '\r' && c != '\n') {
                break;
            }
            lineBreak();
        }
        recordLine = line;
        List<String> cells = new ArrayList<>();
        while (true) {
            if (cells.size() == maxColumns) {
                throw skipLine(error("record has more than the limit of " + maxColumns + " cells"));
            }
            cells.add(peek() == '"' ? quoted() : unquoted());
            int c = peek();
            if (c == delimiter) {
                pos++;
            } else if (c == EOF) {
                return cells;
            } else if (c == '\r' || c == '\n') {
                lineBreak();
                return cells;
            } else {
                throw skipLine(error("unexpected character " + describe(c) + " after the closing quote of a cell"));
            }
        }
    }

    private String unquoted() {
        cell.setLength(0);
        while (true) {
            int c = peek();
            if (c == delimiter || c == '\r' || c == '\n' || c == EOF) {
                return cell.isEmpty() ? null : cell.toString();
            }
            if (c == '"') {
                throw skipLine(error("quote inside an unquoted cell; quote the whole cell and double the quote"));
            }
            append(c);
        }
    }

    private String quoted() {
        long openLine = line;
        long openColumn = bufferStart + pos - lineStart + 1;
        pos++;
        cell.setLength(0);
        while (true) {
            int c = peek();
            if (c == EOF) {
                throw error("unterminated quoted cell (opened at line " + openLine + ", column " + openColumn + ")");
            }
            if (c == '"') {
                pos++;
                if (peek() != '"') {
                    return cell.toString();
                }
            }
            append(c);
            if (c == '\n' || (c == '\r' && peek() != '\n')) {
                line++;
                lineStart = bufferStart + pos;
            }
        }
    }

    private void append(int c) {
        if (cell.length() == maxCellChars) {
            throw skipLine(error("cell longer than the limit of " + maxCellChars + " characters"));
        }
        cell.append((char) c);
        pos++;
    }

    private void lineBreak() {
        if (buf[pos++] == '\r' && peek() == '\n') {
            pos++;
        }
        line++;
        lineStart = bufferStart + pos;
    }

    /** Skips the rest of the physical line, so that the next record starts on the next one. */
    private TextSyntaxException skipLine(TextSyntaxException error) {
        while (true) {
            int c = peek();
            if (c == EOF) {
                return error;
            }
            if (c == '\r' || c == '\n') {
                lineBreak();
                return error;
            }
            pos++;
        }
    }

    private int peek() {
        if (pos == limit) {
            if (eof) {
                return EOF;
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
                eof = true;
                throw new TextSyntaxException("invalid UTF-8 (" + e.getMessage() + ")", line,
                        bufferStart - lineStart + 1, bufferStart, false);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read CSV input at line " + line, e);
            }
            if (n < 0) {
                eof = true;
                return EOF;
            }
            limit = n;
            if (!started) {
                started = true;
                if (buf[0] == '\uFEFF') {
                    pos = 1;
                    lineStart = 1;
                    return peek();
                }
            }
        }
        return buf[pos];
    }

    private TextSyntaxException error(String problem) {
        long offset = bufferStart + pos;
        return new TextSyntaxException(problem, line, offset - lineStart + 1, offset, true);
    }

    private static String describe(int c) {
        return c < 0x20 || c == 0x7F ? String.format("U+%04X", c) : "'" + (char) c + "'";
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
