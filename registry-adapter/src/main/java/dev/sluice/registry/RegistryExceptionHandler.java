package dev.sluice.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.domain.application.service.compatibility.Incompatibility;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Maps {@link RegistryException} to one body that serves both audiences: RFC 9457 problem+json
 * ({@code type}, {@code title}, {@code status}, {@code detail}) plus Sluice's stable {@code code}, and
 * Confluent's {@code error_code} and {@code message} for existing Schema Registry clients.
 */
@Produces
@Singleton
@Requires(classes = {RegistryException.class, ExceptionHandler.class})
class RegistryExceptionHandler implements ExceptionHandler<RegistryException, HttpResponse<?>> {

    static final String PROBLEM_JSON = "application/problem+json";

    @Override
    public HttpResponse<?> handle(HttpRequest request, RegistryException exception) {
        return problem(exception.error(), exception.getMessage(), exception.details(), request.getPath());
    }

    static MutableHttpResponse<String> problem(RegistryError error, String message, List<?> details, String instance) {
        ObjectNode body = CanonicalCodec.MAPPER.createObjectNode();
        body.put("type", error.type());
        body.put("title", error.title());
        body.put("status", error.httpStatus());
        body.put("detail", message);
        body.put("instance", instance);
        body.put("code", error.name());
        body.put("error_code", error.confluentCode());
        body.put("message", message);
        if (!details.isEmpty() && details.getFirst() instanceof Incompatibility) {
            @SuppressWarnings("unchecked")
            List<Incompatibility> list = (List<Incompatibility>) details;
            body.set("incompatibilities", RegistryStore.incompatibilitiesJson(list));
        }
        return HttpResponse.<String>status(HttpStatus.valueOf(error.httpStatus()))
                .contentType(PROBLEM_JSON)
                .body(CanonicalCodec.write(body));
    }
}
