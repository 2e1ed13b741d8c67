package dev.sluice.domain.application.port.in;

import dev.sluice.domain.model.envelope.EnvelopeMapping;
import dev.sluice.domain.model.ingest.ChannelCoordinates;
import dev.sluice.domain.model.ingest.DeadLetterReason;
import dev.sluice.domain.model.ingest.RawBytes;
import dev.sluice.domain.model.ingest.ReplayOverride;
import dev.sluice.domain.model.payload.PayloadValue;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * One item of a batch, as the adapter received it. The adapter parses (streaming, with its size
 * and depth limits) and reports items it could not parse instead of dropping them.
 */
public sealed interface IncomingEvent permits IncomingEvent.Parsed, IncomingEvent.Unparseable {

    RawBytes originalBytes();

    ChannelCoordinates channel();

    /** The ingest time: the Kafka record timestamp, or the collector's receive time. */
    Instant ingestTime();

    /** An item parsed into the domain's value model. */
    static Parsed parsed(PayloadValue value, RawBytes originalBytes, ChannelCoordinates channel, Instant ingestTime,
                         EnvelopeMapping mapping) {
        return new Parsed(value, originalBytes, channel, ingestTime, mapping, Set.of());
    }

    /** An item that could not be parsed. */
    static Unparseable unparseable(DeadLetterReason reason, String detail, RawBytes originalBytes,
                                   ChannelCoordinates channel, Instant ingestTime) {
        return new Unparseable(reason, detail, originalBytes, channel, ingestTime);
    }

    /**
     * A parsed item.
     *
     * @param value the parsed JSON; anything but an object becomes an INVALID_ENVELOPE dead letter
     * @param originalBytes the bytes as received, kept for a dead letter
     * @param channel where it came from
     * @param ingestTime the ingest time
     * @param mapping how it maps to envelope v1 (the channel's configuration)
     * @param overrides an operator's overrides when the item is a replayed dead letter, else empty
     */
    record Parsed(PayloadValue value, RawBytes originalBytes, ChannelCoordinates channel, Instant ingestTime,
                  EnvelopeMapping mapping, Set<ReplayOverride> overrides) implements IncomingEvent {
        public Parsed {
            requireNonNull(value, "value is null");
            requireNonNull(originalBytes, "originalBytes is null");
            requireNonNull(channel, "channel is null");
            requireNonNull(ingestTime, "ingestTime is null");
            requireNonNull(mapping, "mapping is null");
            requireNonNull(overrides, "overrides is null");
            overrides = overrides.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(overrides));
        }

        /** This item, replayed with {@code override}s. */
        public Parsed withOverrides(Set<ReplayOverride> newOverrides) {
            return new Parsed(value, originalBytes, channel, ingestTime, mapping, newOverrides);
        }
    }

    /**
     * An item the adapter could not parse.
     *
     * @param reason NOT_JSON, UNSUPPORTED_ENCODING, OVERSIZED or TOO_DEEP
     * @param detail what the parser reported, with the position or the limit
     */
    record Unparseable(DeadLetterReason reason, String detail, RawBytes originalBytes, ChannelCoordinates channel,
                       Instant ingestTime) implements IncomingEvent {
        public Unparseable {
            requireNonNull(reason, "reason is null");
            requireNonNull(detail, "detail is null");
            requireNonNull(originalBytes, "originalBytes is null");
            requireNonNull(channel, "channel is null");
            requireNonNull(ingestTime, "ingestTime is null");
            if (!reason.isParseFailure()) {
                throw new IllegalArgumentException("an unparseable item has a parse failure reason (NOT_JSON, "
                        + "UNSUPPORTED_ENCODING, OVERSIZED, TOO_DEEP), not " + reason);
            }
        }
    }
}
