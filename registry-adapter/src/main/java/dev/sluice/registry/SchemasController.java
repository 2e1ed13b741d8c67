package dev.sluice.registry;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Confluent's {@code /schemas/ids/{id}}. */
@Controller("/schemas")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "schemas")
class SchemasController {

    private final RegistryService registry;

    SchemasController(RegistryService registry) {
        this.registry = registry;
    }

    @Get("/ids/{id}")
    @Operation(summary = "The schema with this global id, soft-deleted or not. 404 (40403) when unknown.")
    Dtos.SchemaByIdResponse byId(@PathVariable long id) {
        StoredVersion v = registry.byId(id);
        return new Dtos.SchemaByIdResponse(v.schemaText(), v.format().name(), v.subject(), v.version(), Http.ruleSetMap(v.ruleSet()));
    }
}
