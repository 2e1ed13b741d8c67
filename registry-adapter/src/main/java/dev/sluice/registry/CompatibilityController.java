package dev.sluice.registry;

import dev.sluice.domain.application.service.compatibility.CompatibilityResult;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Confluent's {@code /compatibility} resource. */
@Controller("/compatibility")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({MediaType.APPLICATION_JSON, Http.SCHEMA_REGISTRY_V1, Http.SCHEMA_REGISTRY})
@Tag(name = "compatibility")
class CompatibilityController {

    private final RegistryService registry;

    CompatibilityController(RegistryService registry) {
        this.registry = registry;
    }

    @Post("/subjects/{subject}/versions/{version}")
    @Operation(summary = "Checks a schema against one version, or against the versions the subject's mode needs (\"latest\"). "
            + "With verbose=true, every incompatibility is listed with its path, old and new types and the rule broken.")
    Dtos.CompatibilityResponse check(@PathVariable String subject, @PathVariable String version,
                                     @QueryValue(defaultValue = "false") boolean verbose, @Body Dtos.SchemaRequest body) {
        CompatibilityResult result = registry.checkCompatibility(subject, version, body.schemaType(), body.schema(),
                Http.ruleSet(body));
        if (!verbose) {
            return new Dtos.CompatibilityResponse(result.isCompatible(), null, null);
        }
        return new Dtos.CompatibilityResponse(result.isCompatible(),
                result.incompatibilities().stream().map(i -> "{rule: " + i.rule() + ", path: '" + i.path() + "', oldType: "
                        + i.oldType() + ", newType: " + i.newType() + ", againstVersion: " + i.againstVersion()
                        + ", message: '" + i.message() + "'}").toList(),
                Http.incompatibilities(result.incompatibilities()));
    }
}
