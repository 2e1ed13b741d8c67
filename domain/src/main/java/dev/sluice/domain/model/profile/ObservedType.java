package dev.sluice.domain.model.profile;

import dev.sluice.domain.model.envelope.Timestamps;

import java.time.DateTimeException;
import java.time.LocalDate;

import static java.util.Objects.requireNonNull;

/**
 * The shape of one observed non-null value, finer than JSON's kinds: a string may be seen as a
 * timestamp, a date or a uuid. Profiling records the set of shapes seen per path and
 * {@link TypeLattice} turns that set into a {@link dev.sluice.domain.model.schema.FieldType}.
 */
public enum ObservedType {
    BOOLEAN,
    /** An integral number that fits a signed 64-bit long. */
    LONG,
    /** Any other number: a fraction, an exponent, or an integer beyond the long range. */
    DOUBLE,
    /** A string holding ISO-8601 with an offset ({@code 2025-08-11T14:30:45.123Z}). Never a plain number. */
    TIMESTAMP,
    /** A string holding an ISO-8601 calendar date {@code yyyy-MM-dd}. */
    DATE,
    /** A string holding a uuid in its canonical 8-4-4-4-12 hex form. */
    UUID,
    STRING,
    OBJECT,
    ARRAY;

    /** The shapes a string's content can have: a string is a string, whatever it holds. */
    public boolean isStringLike() {
        return this == TIMESTAMP || this == DATE || this == UUID || this == STRING;
    }

    /**
     * The shape of a JSON string's content: TIMESTAMP, DATE, UUID or STRING. A string of digits is
     * a STRING even if it could be epoch milliseconds: numbers are never guessed to be timestamps.
     */
    public static ObservedType ofString(String value) {
        requireNonNull(value, "value is null");
        int n = value.length();
        if (n == 36 && isUuid(value)) {
            return UUID;
        }
        if (n == 10 && isDate(value)) {
            return DATE;
        }
        if (n >= 16 && n <= 64 && looksLikeDateTime(value) && Timestamps.parse(value).isPresent()) {
            return TIMESTAMP;
        }
        return STRING;
    }

    /**
     * The shape of a text cell (CSV): BOOLEAN for {@code true}/{@code false} in any case, LONG or
     * DOUBLE for a JSON number literal (so {@code 007}, {@code +5} and {@code NaN} stay strings:
     * a leading zero is usually an identifier), otherwise as {@link #ofString(String)}.
     */
    public static ObservedType ofText(String cell) {
        requireNonNull(cell, "cell is null");
        ObservedType number = numberShape(cell);
        if (number != null) {
            return number;
        }
        if (cell.equalsIgnoreCase("true") || cell.equalsIgnoreCase("false")) {
            return BOOLEAN;
        }
        return ofString(cell);
    }

    /** LONG or DOUBLE when {@code text} is a JSON number literal (RFC 8259), else {@code null}. */
    public static ObservedType numberShape(String text) {
        int n = text.length();
        int i = 0;
        if (n == 0) {
            return null;
        }
        if (text.charAt(0) == '-') {
            i++;
        }
        int intStart = i;
        while (i < n && isDigit(text.charAt(i))) {
            i++;
        }
        int intDigits = i - intStart;
        if (intDigits == 0 || (intDigits > 1 && text.charAt(intStart) == '0')) {
            return null;
        }
        boolean integral = true;
        if (i < n && text.charAt(i) == '.') {
            integral = false;
            int fracStart = ++i;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
            }
            if (i == fracStart) {
                return null;
            }
        }
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            integral = false;
            i++;
            if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int expStart = i;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
            }
            if (i == expStart) {
                return null;
            }
        }
        if (i != n) {
            return null;
        }
        if (integral && intDigits <= 19) {
            try {
                Long.parseLong(text);
                return LONG;
            } catch (NumberFormatException beyondLong) {
                return DOUBLE;
            }
        }
        return DOUBLE;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isUuid(String s) {
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return false;
                }
            } else if (!isHex(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDate(String s) {
        for (int i = 0; i < 10; i++) {
            char c = s.charAt(i);
            if (i == 4 || i == 7 ? c != '-' : !isDigit(c)) {
                return false;
            }
        }
        try {
            LocalDate.of(Integer.parseInt(s, 0, 4, 10), Integer.parseInt(s, 5, 7, 10), Integer.parseInt(s, 8, 10, 10));
            return true;
        } catch (DateTimeException invalidDay) {
            return false;
        }
    }

    /** A cheap filter before the real parse: {@code dddd-dd-ddT}. */
    private static boolean looksLikeDateTime(String s) {
        char t = s.charAt(10);
        return s.charAt(4) == '-' && s.charAt(7) == '-' && (t == 'T' || t == 't')
                && isDigit(s.charAt(0)) && isDigit(s.charAt(3)) && isDigit(s.charAt(9));
    }
}
