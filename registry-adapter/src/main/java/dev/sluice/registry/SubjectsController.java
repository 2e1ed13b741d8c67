package dev.sluice.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

/** Confluent's {@code /subjects} resource. */
@Controller("/subjects")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({MediaType.APPLICATION_JSON, Http.SCHEMA_REGISTRY_V1, Http.SCHEMA_REGISTRY})
@Tag(name = "subjects")
class SubjectsController {

    private final RegistryService registry;

    SubjectsController(RegistryService registry) {
        this.registry = registry;
    }

    @Get
    @Operation(summary = "Lists the subjects that have a live version (or any version with deleted=true).")
    List<String> subjects(@QueryValue(defaultValue = "false") boolean deleted) {
        return registry.subjects(deleted);
    }

    @Get("/{subject}/versions")
    @Operation(summary = "Lists the version numbers of a subject. 404 (40401) when the subject is unknown.")
    List<Integer> versions(@PathVariable String subject, @QueryValue(defaultValue = "false") boolean deleted) {
        return registry.versions(subject, deleted);
    }

    @Get("/{subject}/versions/{version}")
    @Operation(summary = "One version, or \"latest\". 404 (40401, 40402) when unknown, 422 (42202) when the version is malformed.")
    Dtos.SchemaResponse version(@PathVariable String subject, @PathVariable String version) {
        return Http.response(registry.version(subject, version));
    }

    @Get(value = "/{subject}/versions/{version}/schema", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "The schema text of one version, exactly as registered.")
    String schemaText(@PathVariable String subject, @PathVariable String version) {
        return registry.version(subject, version).schemaText();
    }

    @Post("/{subject}/versions")
    @Operation(summary = "Registers a schema (idempotent by canonical fingerprint). 409 when incompatible, 422 when invalid or unsupported.")
    Dtos.RegisterResponse register(@PathVariable String subject, @Body Dtos.SchemaRequest body, HttpRequest<?> request) {
        RegistryStore.Registration r = registry.register(subject, body.schemaType(), body.schema(), Http.ruleSet(body),
                Http.actor(request));
        return new Dtos.RegisterResponse(r.version().id(), r.version().version(), r.version().status().name(), r.created());
    }

    @Post("/{subject}")
    @Operation(summary = "Finds the live version of a subject that has this schema. 404 (40401, 40403) when there is none.")
    Dtos.SchemaResponse lookup(@PathVariable String subject, @Body Dtos.SchemaRequest body) {
        return Http.response(registry.lookup(subject, body.schemaType(), body.schema(), Http.ruleSet(body)));
    }

    @Delete("/{subject}/versions/{version}")
    @Operation(summary = "Soft-deletes a version: it leaves listings and resolution, but stays readable by id.")
    int delete(@PathVariable String subject, @PathVariable String version, HttpRequest<?> request) {
        return registry.delete(subject, version, Http.actor(request));
    }

    // ---- Sluice's additions ----

    @Get("/{subject}/versions/{version}/diff")
    @Operation(summary = "Sluice: the field diff of a version against an earlier one (the previous live version by default).")
    String diff(@PathVariable String subject, @PathVariable String version, @Nullable @QueryValue Integer from) {
        return FieldDiffs.toJson(registry.diff(subject, version, from));
    }

    @Get("/{subject}/versions/{version}/fields")
    @Operation(summary = "Sluice: every field of a version with its canonical type, requiredness and PII class.")
    List<Dtos.FieldDto> fields(@PathVariable String subject, @PathVariable String version) {
        return Http.fields(registry.version(subject, version));
    }

    @Get("/{subject}/versions/{version}/pii")
    @Operation(summary = "Sluice: the fields of a version classed as PII (LOW or HIGH).")
    List<Dtos.FieldDto> pii(@PathVariable String subject, @PathVariable String version) {
        return Http.fields(registry.version(subject, version)).stream().filter(f -> !f.pii().equals("NONE")).toList();
    }

    @Post("/{subject}/versions/{version}/resolve")
    @Operation(summary = "Sluice: accepts a BREAKING version as ACTIVE, with a written reason that is audited. (Registering a fix resolves it too.)")
    Dtos.SchemaResponse resolve(@PathVariable String subject, @PathVariable String version, @Body Dtos.ResolveRequest body,
                                HttpRequest<?> request) {
        return Http.response(registry.resolve(subject, version, body.reason(), Http.actor(request)));
    }

    @Get("/{subject}/audit")
    @Operation(summary = "Sluice: the audit trail of a subject: who changed what, when and why.")
    List<Dtos.AuditDto> audit(@PathVariable String subject) {
        return registry.audit(subject).stream().map(a -> new Dtos.AuditDto(a.id(), a.at().toString(), a.actor(), a.action(),
                a.subject(), a.version(), a.reason(), Http.jsonMap(a.detail()))).toList();
    }
}
