package dev.sluice.domain.model.lateness;

import java.time.Instant;

/**
 * Classifies an event by its event time against its ingest time (stream time, never the wall
 * clock), so that a replay gives exactly the classes the live run gave.
 */
@FunctionalInterface
public interface LatenessPolicy {

    Lateness classify(String source, Instant eventTime, Instant ingestTime);
}
