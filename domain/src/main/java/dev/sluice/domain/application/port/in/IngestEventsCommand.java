package dev.sluice.domain.application.port.in;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A batch of incoming items, in stream order (for Kafka, the order of a poll, partition by
 * partition). The batch is the unit of atomic commit.
 *
 * @param events the items; may be empty
 */
public record IngestEventsCommand(List<IncomingEvent> events) {

    public IngestEventsCommand {
        events = List.copyOf(requireNonNull(events, "events is null"));
    }

    public static IngestEventsCommand of(IncomingEvent... events) {
        return new IngestEventsCommand(List.of(events));
    }

    public int size() {
        return events.size();
    }
}
