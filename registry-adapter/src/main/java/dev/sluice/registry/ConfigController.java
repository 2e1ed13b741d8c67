package dev.sluice.registry;

import dev.sluice.domain.model.schema.CompatibilityMode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Confluent's {@code /config} resource: the global and per-subject compatibility levels. */
@Controller("/config")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({MediaType.APPLICATION_JSON, Http.SCHEMA_REGISTRY_V1, Http.SCHEMA_REGISTRY})
@Tag(name = "config")
class ConfigController {

    private final RegistryService registry;

    ConfigController(RegistryService registry) {
        this.registry = registry;
    }

    @Get
    @Operation(summary = "The global compatibility level.")
    Dtos.ConfigResponse global() {
        return new Dtos.ConfigResponse(registry.globalMode().name());
    }

    @Put
    @Operation(summary = "Sets the global compatibility level. 422 (42203) for an unknown level.")
    Dtos.ConfigUpdateResponse setGlobal(@Body Dtos.ConfigRequest body, HttpRequest<?> request) {
        return new Dtos.ConfigUpdateResponse(registry.setGlobalMode(body.compatibility(), Http.actor(request)).name());
    }

    @Get("/{subject}")
    @Operation(summary = "A subject's compatibility level; 404 (40408) when it has none, unless defaultToGlobal=true.")
    Dtos.ConfigResponse subject(@PathVariable String subject, @QueryValue(defaultValue = "false") boolean defaultToGlobal) {
        CompatibilityMode mode = registry.subjectMode(subject).orElseGet(() -> {
            if (defaultToGlobal) {
                return registry.globalMode();
            }
            throw new RegistryException(RegistryError.SUBJECT_CONFIG_NOT_FOUND,
                    "Subject '" + subject + "' has no compatibility level of its own; it follows the global one");
        });
        return new Dtos.ConfigResponse(mode.name());
    }

    @Put("/{subject}")
    @Operation(summary = "Sets a subject's compatibility level.")
    Dtos.ConfigUpdateResponse setSubject(@PathVariable String subject, @Body Dtos.ConfigRequest body, HttpRequest<?> request) {
        return new Dtos.ConfigUpdateResponse(registry.setSubjectMode(subject, body.compatibility() == null ? "" : body.compatibility(),
                Http.actor(request)).name());
    }

    @Delete("/{subject}")
    @Operation(summary = "Removes a subject's own level: it follows the global one again.")
    Dtos.ConfigResponse deleteSubject(@PathVariable String subject, HttpRequest<?> request) {
        registry.setSubjectMode(subject, null, Http.actor(request));
        return new Dtos.ConfigResponse(registry.globalMode().name());
    }
}
