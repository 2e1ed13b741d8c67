package dev.sluice.ingestion.pipeline;

import dev.sluice.domain.model.dedup.SeenEvent;
import dev.sluice.domain.model.ingest.TopicPartition;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Where the seen-event index is rebuilt from: the lake's own stored events. For one stream
 * partition it hands over, in any order, at least every stored event whose ingest time is within
 * {@code horizon} of the partition's latest stored ingest time (the index drops older ones itself).
 * It must be complete: an implementation that cannot read everything throws, it never returns a
 * partial history.
 */
public interface SeenEventHistory {

    /** Feeds {@code sink} the stored events of {@code partition} over {@code horizon}; returns how many. */
    long replay(TopicPartition partition, Duration horizon, Consumer<SeenEvent> sink);

    /** A history with nothing in it: for a lake that is known to be empty, and for tests. */
    SeenEventHistory EMPTY = (partition, horizon, sink) -> 0;
}
