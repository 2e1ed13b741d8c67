package dev.sluice.ingestion.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Instant;
import java.time.InstantSource;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code POST /v1/events}: one JSON event, a JSON array, or NDJSON. Thin: authenticate, rate-limit,
 * hand the bytes to {@link CollectorService}. Runs on the blocking executor because it waits for
 * Kafka's acknowledgement before answering.
 */
@Controller("/v1")
class EventsController {

    static final String REQUEST_ID_HEADER = "X-Request-Id";
    static final String REQUEST_ID_ATTRIBUTE = "sluice.request_id";
    private static final Pattern CLIENT_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    private final ApiKeys apiKeys;
    private final RateLimiter rateLimiter;
    private final CollectorService collector;
    private final InstantSource clock;
    private final CollectorMetrics metrics;

    EventsController(ApiKeys apiKeys, RateLimiter rateLimiter, CollectorService collector,
                     @jakarta.inject.Named(CollectorFactory.RECEIVE_CLOCK) InstantSource clock,
                     MeterRegistry registry) {
        this.apiKeys = apiKeys;
        this.rateLimiter = rateLimiter;
        this.collector = collector;
        this.clock = clock;
        this.metrics = new CollectorMetrics(registry);
    }

    @Post(uri = "/events", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<IngestResponse> post(HttpRequest<?> request, @Nullable @Body byte[] body) {
        Instant receivedAt = clock.instant();
        String requestId = requestId(request.getHeaders().get(REQUEST_ID_HEADER));
        request.setAttribute(REQUEST_ID_ATTRIBUTE, requestId);
        ApiKeys.Key key = apiKeys.authenticate(request.getHeaders().get(HttpHeaders.AUTHORIZATION),
                request.getHeaders().get("X-Api-Key"));
        String contentType = request.getHeaders().get(HttpHeaders.CONTENT_TYPE);
        CollectorService.formatOf(contentType);
        rateLimiter.acquire(key);
        IngestResponse response = collector.ingest(key, contentType, body == null ? new byte[0] : body, requestId,
                receivedAt);
        metrics.recordAccepted(key.id(), response);
        return HttpResponse.accepted().header(REQUEST_ID_HEADER, requestId).body(response);
    }

    private static String requestId(String fromClient) {
        return fromClient != null && CLIENT_REQUEST_ID.matcher(fromClient).matches()
                ? fromClient : UUID.randomUUID().toString();
    }
}
