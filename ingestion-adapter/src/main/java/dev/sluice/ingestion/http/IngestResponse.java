package dev.sluice.ingestion.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The 202 body, in the spirit of OTLP's {@code partial_success}: how many items were accepted, and
 * for each rejected item its 0-based index, a stable code and a message. A rejected item with
 * {@code kept_as_dead_letter} true was still written to the raw topic and will be kept as a dead
 * letter with its original bytes; one with false (SOURCE_NOT_ALLOWED) was not written.
 */
@Serdeable
record IngestResponse(
        @JsonProperty("request_id") String requestId,
        @JsonProperty("accepted") int accepted,
        @JsonProperty("rejected") int rejected,
        @JsonProperty("partial_success") PartialSuccess partialSuccess) {

    @Serdeable
    record PartialSuccess(
            @JsonProperty("rejected_events") int rejectedEvents,
            @JsonProperty("errors") List<ItemError> errors) {
        PartialSuccess {
            errors = List.copyOf(errors);
        }
    }

    @Serdeable
    record ItemError(
            @JsonProperty("index") int index,
            @JsonProperty("code") String code,
            @JsonProperty("message") String message,
            @JsonProperty("kept_as_dead_letter") boolean keptAsDeadLetter) {
    }
}
