package dev.sluice.domain.model.ingest;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * An item Sluice keeps but does not store as good data, with everything needed to understand it
 * and to replay it: the original bytes, the reason, a human detail, the channel coordinates and
 * the receive time. The original bytes may contain PII in clear: dead letters are readable by
 * engineers only and expire early (see the retention policy).
 *
 * @param originalBytes the item exactly as received (for OVERSIZED, possibly a prefix; the detail says so)
 * @param reason why it is a dead letter
 * @param detail what exactly is wrong, with values; at most {@value #MAX_DETAIL_LENGTH} characters
 * @param channel where it came from; one input item has one dead letter at most
 * @param receivedAt the ingest time (the record timestamp, or the collector's receive time)
 * @param deadLetteredAt when Sluice decided, by the domain clock; informational only
 * @param source the event's source if it could be read, else {@code null}
 * @param eventId the event's id if it could be read, else {@code null}
 */
public record DeadLetter(
        RawBytes originalBytes,
        DeadLetterReason reason,
        String detail,
        ChannelCoordinates channel,
        Instant receivedAt,
        Instant deadLetteredAt,
        String source,
        String eventId) {

    public static final int MAX_DETAIL_LENGTH = 4000;

    public DeadLetter {
        requireNonNull(originalBytes, "originalBytes is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(detail, "detail is null");
        requireNonNull(channel, "channel is null");
        requireNonNull(receivedAt, "receivedAt is null");
        requireNonNull(deadLetteredAt, "deadLetteredAt is null");
        if (detail.length() > MAX_DETAIL_LENGTH) {
            detail = detail.substring(0, MAX_DETAIL_LENGTH - 3) + "...";
        }
    }

    public Optional<String> sourceOptional() {
        return Optional.ofNullable(source);
    }

    public Optional<String> eventIdOptional() {
        return Optional.ofNullable(eventId);
    }
}
