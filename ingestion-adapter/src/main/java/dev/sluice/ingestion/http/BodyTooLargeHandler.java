package dev.sluice.ingestion.http;

import dev.sluice.ingestion.IngestionErrorCode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.exceptions.ContentLengthExceededHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * Micronaut refuses a body over {@code micronaut.server.max-request-size} (set from
 * {@code sluice.collector.max-body-bytes}) before the controller runs; this gives that refusal the
 * collector's problem+json shape and code.
 */
@Produces
@Singleton
@Replaces(ContentLengthExceededHandler.class)
class BodyTooLargeHandler implements ExceptionHandler<ContentLengthExceededException, HttpResponse<?>> {

    private final MeterRegistry registry;

    BodyTooLargeHandler(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ContentLengthExceededException e) {
        CollectorMetrics.recordRefused(registry, IngestionErrorCode.BODY_TOO_LARGE);
        return Problems.of(request, IngestionErrorCode.BODY_TOO_LARGE, e.getMessage(), 0);
    }
}
