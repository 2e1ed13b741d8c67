package dev.sluice.ingestion.http;

import dev.sluice.ingestion.IngestionErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The collector's counters: {@code sluice_collector_items_total{api_key, outcome, code}} per item
 * (outcome accepted, dead_letter or refused) and {@code sluice_collector_requests_total{code}} per
 * refused request.
 */
final class CollectorMetrics {

    private final MeterRegistry registry;

    CollectorMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void recordAccepted(String apiKeyId, IngestResponse response) {
        items(apiKeyId, "accepted", "NONE").increment(response.accepted());
        for (IngestResponse.ItemError error : response.partialSuccess().errors()) {
            items(apiKeyId, error.keptAsDeadLetter() ? "dead_letter" : "refused", error.code()).increment();
        }
        registry.counter("sluice.collector.requests", "code", "ACCEPTED").increment();
    }

    static void recordRefused(MeterRegistry registry, IngestionErrorCode code) {
        registry.counter("sluice.collector.requests", "code", code.name()).increment();
    }

    private Counter items(String apiKeyId, String outcome, String code) {
        return registry.counter("sluice.collector.items", "api_key", apiKeyId, "outcome", outcome, "code", code);
    }
}
