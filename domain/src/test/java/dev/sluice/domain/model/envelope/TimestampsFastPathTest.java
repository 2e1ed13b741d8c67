package dev.sluice.domain.model.envelope;

import org.junit.jupiter.api.Test;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written ISO-8601 path of {@link Timestamps} must agree with {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}. */
class TimestampsFastPathTest {

    private static Optional<Instant> reference(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static void agrees(String text) {
        Instant fast = Timestamps.parseCommonIso(text);
        if (fast != null) {
            assertThat(Optional.of(fast)).as(text).isEqualTo(reference(text));
        }
        if (!text.isEmpty() && text.length() <= 64 && !text.chars().allMatch(Character::isDigit)) {
            assertThat(Timestamps.parse(text)).as(text).isEqualTo(reference(text));
        }
    }

    @Test
    void edgeCasesAgreeWithTheFormatter() {
        for (String s : List.of("2025-08-11T14:30:45.123Z", "2025-08-11T16:30:45+02:00", "2025-08-11T16:30:45-02:30",
                "2024-02-29T00:00:00Z", "2023-02-29T00:00:00Z", "2025-04-31T00:00:00Z", "2025-13-01T00:00:00Z",
                "2025-00-01T00:00:00Z", "2025-01-00T00:00:00Z", "2025-01-01T24:00:00Z", "2025-01-01T23:60:00Z",
                "2025-01-01T23:59:60Z", "2025-01-01T23:59:59.Z", "2025-01-01T23:59:59.123456789Z",
                "2025-01-01T23:59:59.1234567890Z", "2025-01-01T23:59:59.1+18:00", "2025-01-01T23:59:59-18:00",
                "2025-01-01T23:59:59+18:01", "2025-01-01T23:59:59+19:00", "2025-01-01T23:59:59-00:00",
                "2025-01-01T23:59:59+0200", "2025-01-01T23:59:59+02", "2025-01-01t23:59:59z", "2025-01-01 23:59:59Z",
                "2025-01-01T23:59Z", "2025-01-01T23:59:59", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z",
                "1900-02-29T00:00:00Z", "2000-02-29T00:00:00Z", "+2025-01-01T00:00:00Z", "2025-1-01T00:00:00Z",
                "2025-01-01T23:59:59Zx", "2025-01-01T23:59:59+02:00x", "2025-01-01T23:59:59.5-0a:00")) {
            agrees(s);
        }
    }

    @Test
    void randomTimestampsAgreeWithTheFormatter() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            String date = String.format("%04d-%02d-%02d", random.nextInt(10_000), random.nextInt(14), random.nextInt(33));
            String time = String.format("%02dT%02d:%02d:%02d", 0, random.nextInt(25), random.nextInt(61), random.nextInt(61))
                    .substring(2);
            String fraction = switch (random.nextInt(4)) {
                case 0 -> "";
                case 1 -> "." + random.nextInt(1000);
                case 2 -> String.format(".%09d", random.nextInt(1_000_000_000));
                default -> "." + "1234567890".substring(0, 1 + random.nextInt(10));
            };
            String offset = switch (random.nextInt(3)) {
                case 0 -> "Z";
                default -> String.format("%s%02d:%02d", random.nextBoolean() ? "+" : "-", random.nextInt(20),
                        random.nextInt(61));
            };
            agrees(date + time + fraction + offset);
        }
    }
}
