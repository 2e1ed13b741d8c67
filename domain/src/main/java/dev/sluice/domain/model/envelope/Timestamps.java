package dev.sluice.domain.model.envelope;

import dev.sluice.domain.model.payload.NumberValue;
import dev.sluice.domain.model.payload.PayloadValue;
import dev.sluice.domain.model.payload.StringValue;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Parses event timestamps: ISO-8601 with an offset ({@code 2025-08-11T14:30:45.123Z},
 * {@code 2025-08-11T16:30:45+02:00}), or epoch milliseconds as a JSON number or a string of digits.
 * A local time without an offset is refused: its instant is unknowable.
 */
public final class Timestamps {

    /** Epoch milliseconds below this (2001-09-09) are taken to be seconds by mistake and refused. */
    private static final long MIN_PLAUSIBLE_MILLIS = 1_000_000_000_000L;
    /** Year 9999. */
    private static final long MAX_MILLIS = 253_402_300_799_999L;

    private Timestamps() {
    }

    /** The instant, or empty when {@code value} is not a timestamp Sluice accepts. */
    public static Optional<Instant> parse(PayloadValue value) {
        return switch (value) {
            case StringValue s -> parse(s.value());
            case NumberValue n -> n.fitsLong() ? ofEpochMillis(n.asLong()) : Optional.empty();
            case null, default -> Optional.empty();
        };
    }

    public static Optional<Instant> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 64) {
            return Optional.empty();
        }
        if (isDigits(text)) {
            try {
                return ofEpochMillis(Long.parseLong(text));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        Instant fast = parseCommonIso(text);
        if (fast != null) {
            return Optional.of(fast);
        }
        try {
            return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The instant of the common shape {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|+HH:MM|-HH:MM)}, without
     * the general formatter's field maps; null for anything else (including out-of-range fields), which
     * then goes through {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}, so results are the same.
     */
    static Instant parseCommonIso(String t) {
        int n = t.length();
        if (n < 20 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':'
                || t.charAt(16) != ':') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || month < 1 || month > 12 || day < 1 || hour > 23
                || minute > 59 || second > 59 || day > YearMonthDays.length(year, month)) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (t.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && isDigit(t.charAt(i))) {
                nanos = nanos * 10 + (t.charAt(i) - '0');
                i++;
            }
            int count = i - start;
            if (count == 0 || (i < n && isDigit(t.charAt(i)))) {
                return null;
            }
            for (int k = count; k < 9; k++) {
                nanos *= 10;
            }
        }
        if (i >= n) {
            return null;
        }
        int offsetSeconds;
        char sign = t.charAt(i);
        if (sign == 'Z' && i + 1 == n) {
            offsetSeconds = 0;
        } else if ((sign == '+' || sign == '-') && i + 6 == n && t.charAt(i + 3) == ':') {
            int oh = digits(t, i + 1, 2);
            int om = digits(t, i + 4, 2);
            if ((oh | om) < 0 || oh > 18 || om > 59 || (oh == 18 && om != 0)) {
                return null;
            }
            offsetSeconds = (oh * 3600 + om * 60) * (sign == '-' ? -1 : 1);
        } else {
            return null;
        }
        long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
        long seconds = epochDay * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /** The non-negative value of {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String t, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Days in a month of the proleptic ISO calendar. */
    private static final class YearMonthDays {
        static int length(int year, int month) {
            return switch (month) {
                case 2 -> java.time.Year.isLeap(year) ? 29 : 28;
                case 4, 6, 9, 11 -> 30;
                default -> 31;
            };
        }
    }

    private static Optional<Instant> ofEpochMillis(long millis) {
        if (millis < MIN_PLAUSIBLE_MILLIS || millis > MAX_MILLIS) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochMilli(millis));
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
