package dev.sluice.ingestion.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A refused request as problem+json with its stable code (and {@code Retry-After} for 429 and 503). */
@Produces
@Singleton
class CollectorExceptionHandler implements ExceptionHandler<CollectorException, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(CollectorExceptionHandler.class);

    private final MeterRegistry registry;

    CollectorExceptionHandler(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, CollectorException e) {
        CollectorMetrics.recordRefused(registry, e.code());
        if (e.code().httpStatus() >= 500) {
            LOG.warn("Refused {} {}: {} ({})", request.getMethod(), request.getPath(), e.code(), e.getMessage(), e.getCause());
        }
        return Problems.of(request, e.code(), e.getMessage(), e.retryAfterSeconds());
    }
}
