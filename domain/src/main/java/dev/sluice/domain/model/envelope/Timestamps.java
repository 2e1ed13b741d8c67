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
        try {
            return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeException e) {
            return Optional.empty();
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
