package dev.sluice.ingestion.http;

import dev.sluice.ingestion.IngestionErrorCode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** RFC 9457 problem+json bodies with Sluice's stable {@code code}. */
final class Problems {

    static final String PROBLEM_JSON = "application/problem+json";

    private Problems() {
    }

    static MutableHttpResponse<Map<String, Object>> of(HttpRequest<?> request, IngestionErrorCode code, String detail,
                                                       long retryAfterSeconds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://sluice.dev/problems/" + code.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        body.put("title", title(code));
        body.put("status", code.httpStatus());
        body.put("detail", detail);
        body.put("code", code.name());
        String requestId = request.getAttribute(EventsController.REQUEST_ID_ATTRIBUTE, String.class).orElse(null);
        if (requestId != null) {
            body.put("request_id", requestId);
        }
        MutableHttpResponse<Map<String, Object>> response = HttpResponse.<Map<String, Object>>status(
                HttpStatus.valueOf(code.httpStatus())).contentType(PROBLEM_JSON).body(body);
        if (requestId != null) {
            response.header(EventsController.REQUEST_ID_HEADER, requestId);
        }
        if (retryAfterSeconds > 0) {
            response.header("Retry-After", Long.toString(retryAfterSeconds));
        }
        return response;
    }

    private static String title(IngestionErrorCode code) {
        String words = code.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
