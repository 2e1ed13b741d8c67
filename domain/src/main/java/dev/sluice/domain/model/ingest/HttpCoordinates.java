package dev.sluice.domain.model.ingest;

import dev.sluice.domain.model.dedup.DedupPartition;

import static java.util.Objects.requireNonNull;

/**
 * An item of an HTTP request that is processed directly, without the raw topic: the collector's
 * request id and the item's index in the request body. All such items share the dedup partition
 * {@value #DEDUP_PARTITION}.
 */
public record HttpCoordinates(String requestId, int index) implements ChannelCoordinates {

    public static final String DEDUP_PARTITION = "http";

    public HttpCoordinates {
        requireNonNull(requestId, "requestId is null");
        if (requestId.isBlank()) {
            throw new IllegalArgumentException("requestId is blank");
        }
        if (index < 0) {
            throw new IllegalArgumentException("index in request " + requestId + " is negative: " + index);
        }
    }

    @Override
    public DedupPartition dedupPartition() {
        return new DedupPartition(DEDUP_PARTITION);
    }

    @Override
    public String describe() {
        return "request " + requestId + "#" + index;
    }
}
