package dev.sluice.ingestion.http;

import java.util.List;

/** Writes the collector's records to the raw topic. */
interface RawEventPublisher {

    /**
     * Sends every record and returns only when Kafka has acknowledged all of them (acks=all).
     * Throws {@link PublishFailedException} when any record was not acknowledged in time: some
     * records may have been written, so the client must retry the whole request (dedup by
     * event_id absorbs the copies).
     */
    void publishAll(List<RawRecord> records);

    final class PublishFailedException extends RuntimeException {
        PublishFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
