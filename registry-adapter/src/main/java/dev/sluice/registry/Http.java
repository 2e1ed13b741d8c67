package dev.sluice.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.domain.application.service.compatibility.Incompatibility;
import dev.sluice.domain.model.schema.Field;
import io.micronaut.http.HttpRequest;

import java.util.List;
import java.util.Map;

/** Small helpers shared by the controllers. */
final class Http {

    static final String SCHEMA_REGISTRY_V1 = "application/vnd.schemaregistry.v1+json";
    static final String SCHEMA_REGISTRY = "application/vnd.schemaregistry+json";
    static final String ACTOR_ATTRIBUTE = "sluice.actor";

    private Http() {
    }

    static String actor(HttpRequest<?> request) {
        return request.getAttribute(ACTOR_ATTRIBUTE, String.class).orElse("anonymous");
    }

    static JsonNode ruleSet(Dtos.SchemaRequest body) {
        if (body.references() != null && !body.references().isEmpty()) {
            throw RegistryException.unsupported("references", "the request (schema references are not supported)");
        }
        if (body.metadata() != null && !body.metadata().isEmpty()) {
            throw RegistryException.unsupported("metadata", "the request (use x-pii in the schema for PII classes)");
        }
        return body.ruleSet() == null ? null : CanonicalCodec.MAPPER.valueToTree(body.ruleSet());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> ruleSetMap(String ruleSet) {
        return ruleSet == null ? null : CanonicalCodec.MAPPER.convertValue(CanonicalCodec.read(ruleSet), Map.class);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> jsonMap(String json) {
        return CanonicalCodec.MAPPER.convertValue(CanonicalCodec.read(json), Map.class);
    }

    static Dtos.SchemaResponse response(StoredVersion v) {
        return new Dtos.SchemaResponse(v.subject(), v.version(), v.id(), v.format().name(), v.schemaText(),
                ruleSetMap(v.ruleSet()), v.status().name(), v.model().compatibility().name(), v.fingerprint(),
                v.createdAt().toString(), v.createdBy(), v.promotedAt() == null ? null : v.promotedAt().toString(), v.deleted());
    }

    static List<Dtos.IncompatibilityDto> incompatibilities(List<Incompatibility> list) {
        return list.stream().map(i -> new Dtos.IncompatibilityDto(i.path(), i.oldType(), i.newType(), i.rule().name(),
                i.againstVersion(), i.message())).toList();
    }

    static List<Dtos.FieldDto> fields(StoredVersion v) {
        return v.model().flatten().values().stream().map(Http::field).toList();
    }

    static Dtos.FieldDto field(Field f) {
        return new Dtos.FieldDto(f.path(), f.type().name(), f.required(), f.pii().name(), f.doc());
    }
}
