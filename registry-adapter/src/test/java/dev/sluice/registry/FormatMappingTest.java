package dev.sluice.registry;

import dev.sluice.domain.model.schema.Field;
import dev.sluice.domain.model.schema.FieldType;
import dev.sluice.domain.model.schema.Format;
import dev.sluice.domain.model.schema.PiiClass;
import dev.sluice.domain.model.schema.SchemaVersion;
import dev.sluice.domain.testing.SeedSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FormatMappingTest {

    private final SchemaParser parser = new SchemaParser(new CelRuleCompiler());

    private SchemaVersion json(String schema) {
        return parser.parse("t.e", "JSON", schema, null).model();
    }

    private SchemaVersion avro(String schema) {
        return parser.parse("t.e", "AVRO", schema, null).model();
    }

    @Test
    void jsonSchemaMapsTypesRequiredFormatsRangesAndClosedness() {
        SchemaVersion v = json("""
                {"type": "object", "additionalProperties": false, "required": ["id", "at", "n"],
                 "properties": {
                   "id": {"type": "string", "format": "uuid"},
                   "at": {"type": "string", "format": "date-time"},
                   "ip": {"type": "string", "format": "ipv4", "x-pii": "HIGH"},
                   "n": {"type": "integer", "minimum": 0, "maximum": 10},
                   "ratio": {"type": ["number", "null"]},
                   "kind": {"type": "string", "enum": ["a", "b"]},
                   "code": {"type": "string", "pattern": "^[A-Z]{3}$"},
                   "flag": {"type": "boolean", "default": false}
                 }}""");

        assertThat(v.closed()).isTrue();
        Map<String, Field> f = v.flatten();
        assertThat(f.get("id").type()).isEqualTo(FieldType.UUID);
        assertThat(f.get("id").required()).isTrue();
        assertThat(f.get("at").type()).isEqualTo(FieldType.TIMESTAMP);
        assertThat(f.get("ip").constraints().format()).isEqualTo(Format.IPV4);
        assertThat(f.get("ip").pii()).isEqualTo(PiiClass.HIGH);
        assertThat(f.get("ip").required()).isFalse();
        assertThat(f.get("n").constraints().minimum()).isEqualTo(0.0);
        assertThat(f.get("n").constraints().maximum()).isEqualTo(10.0);
        assertThat(f.get("ratio").type()).isEqualTo(FieldType.DOUBLE);
        assertThat(f.get("kind").constraints().enumValues()).containsExactly("a", "b");
        assertThat(f.get("code").constraints().pattern()).isEqualTo("^[A-Z]{3}$");
        assertThat(f.get("flag").hasDefault()).isTrue();
    }

    @Test
    void jsonSchemaMapsNestedObjectsArraysAndMaps() {
        SchemaVersion v = json("""
                {"type": "object", "properties": {
                   "device": {"type": "object", "required": ["os"], "properties": {"os": {"type": "string"}}, "additionalProperties": false},
                   "items": {"type": "array", "maxItems": 5, "items": {"type": "object", "properties": {"id": {"type": "string"}}}},
                   "tags": {"type": "object", "additionalProperties": {"type": "string"}},
                   "extra": {"type": "object"}
                 }}""");

        Map<String, Field> f = v.flatten();
        assertThat(f.get("device").type()).isEqualTo(FieldType.STRUCT);
        assertThat(f.get("device").closed()).isTrue();
        assertThat(f.get("device.os").required()).isTrue();
        assertThat(f.get("items").type()).isEqualTo(FieldType.LIST);
        assertThat(f.get("items").constraints().maxLength()).isEqualTo(5);
        assertThat(f.get("items[].id").type()).isEqualTo(FieldType.STRING);
        assertThat(f.get("tags").type()).isEqualTo(FieldType.MAP);
        assertThat(f.get("tags{}").type()).isEqualTo(FieldType.STRING);
        assertThat(f.get("extra").type()).isEqualTo(FieldType.JSON);
        assertThat(v.closed()).isFalse();
    }

    @Test
    void unanchoredJsonSchemaPatternsKeepTheirFindSemantics() {
        assertThat(JsonSchemaMapper.wholeMatch("^abc$")).isEqualTo("^abc$");
        assertThat("xxabcyy").matches(JsonSchemaMapper.wholeMatch("abc"));
        assertThat("abcyy").matches(JsonSchemaMapper.wholeMatch("^abc"));
        assertThat("yyabc").doesNotMatch(JsonSchemaMapper.wholeMatch("^abc"));
    }

    @ParameterizedTest(name = "{0} is refused naming {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"type\":\"object\",\"properties\":{\"a\":{\"$ref\":\"#/x\"}}}|'$ref' at #/properties/a",
            "{\"type\":\"object\",\"properties\":{\"a\":{\"oneOf\":[{\"type\":\"string\"}]}}}|'oneOf' at #/properties/a",
            "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":[\"string\",\"integer\"]}}}|union of several non-null types",
            "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\",\"format\":\"hostname\"}}}|'format: hostname'",
            "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"array\",\"items\":[{\"type\":\"string\"}]}}}|items as an array",
            "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\",\"exclusiveMinimum\":0}}}|'exclusiveMinimum'",
            "{\"type\":\"object\",\"patternProperties\":{\"^x\":{}}}|'patternProperties' at #",
            "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}},\"additionalProperties\":{\"type\":\"string\"}}|additionalProperties with a schema beside properties",
            "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\",\"enum\":[1,2]}}}|enum on a value of type"
    })
    void unsupportedJsonSchemaConstructsAreRefusedByName(String schema, String named) {
        assertThatThrownBy(() -> json(schema))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.error()).isEqualTo(RegistryError.UNSUPPORTED_CONSTRUCT);
                    assertThat(e.getMessage()).contains(named);
                });
    }

    @Test
    void invalidJsonSchemasAreRefusedWithThePointer() {
        assertThatThrownBy(() -> json("{\"type\":\"object\",\"required\":[\"x\"],\"properties\":{}}"))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.error()).isEqualTo(RegistryError.INVALID_SCHEMA);
                    assertThat(e.getMessage()).contains("'x' is required but not listed in properties");
                });
        assertThatThrownBy(() -> json("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\",\"pattern\":\"[\"}}}"))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.getMessage()).contains("#/properties/a/pattern"));
        assertThatThrownBy(() -> json("not json")).isInstanceOf(RegistryException.class);
        assertThatThrownBy(() -> json("{\"type\":\"string\"}")).hasMessageContaining("root must be");
    }

    @Test
    void avroMapsRecordsUnionsDefaultsEnumsArraysMapsAndLogicalTypes() {
        SchemaVersion v = avro("""
                {"type": "record", "name": "R", "fields": [
                  {"name": "id", "type": {"type": "string", "logicalType": "uuid"}},
                  {"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
                  {"name": "day", "type": {"type": "int", "logicalType": "date"}},
                  {"name": "note", "type": ["null", "string"], "default": null},
                  {"name": "count", "type": "int", "default": 3},
                  {"name": "score", "type": "float"},
                  {"name": "kind", "type": {"type": "enum", "name": "Kind", "symbols": ["A", "B"]}},
                  {"name": "tags", "type": {"type": "array", "items": "string"}},
                  {"name": "attrs", "type": {"type": "map", "values": "long"}},
                  {"name": "user", "type": {"type": "record", "name": "U", "fields": [{"name": "email", "type": "string", "pii": "HIGH"}]}},
                  {"name": "new_name", "type": "string", "aliases": ["old_name"], "default": ""}
                ]}""");

        Map<String, Field> f = v.flatten();
        assertThat(f.get("id").type()).isEqualTo(FieldType.UUID);
        assertThat(f.get("at").type()).isEqualTo(FieldType.TIMESTAMP);
        assertThat(f.get("day").type()).isEqualTo(FieldType.DATE);
        assertThat(f.get("note").required()).isFalse();
        assertThat(f.get("count").required()).isTrue();
        assertThat(f.get("count").hasDefault()).isTrue();
        assertThat(f.get("score").type()).isEqualTo(FieldType.DOUBLE);
        assertThat(f.get("kind").constraints().enumValues()).containsExactly("A", "B");
        assertThat(f.get("tags[]").type()).isEqualTo(FieldType.STRING);
        assertThat(f.get("attrs{}").type()).isEqualTo(FieldType.LONG);
        assertThat(f.get("user.email").pii()).isEqualTo(PiiClass.HIGH);
        assertThat(f.get("new_name").aliases()).containsExactly("old_name");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":[\"string\",\"long\"]}]}|union [STRING, LONG]",
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":{\"type\":\"fixed\",\"name\":\"F\",\"size\":4}}]}|'fixed'",
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"bytes\"}]}|'bytes'",
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":{\"type\":\"int\",\"logicalType\":\"time-millis\"}}]}|logicalType time-millis"
    })
    void unsupportedAvroConstructsAreRefusedByName(String schema, String named) {
        assertThatThrownBy(() -> avro(schema))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.error()).isEqualTo(RegistryError.UNSUPPORTED_CONSTRUCT);
                    assertThat(e.getMessage()).contains(named).contains("R.a");
                });
    }

    @Test
    void schemaTypeFollowsConfluentAvroWhenAbsent() {
        assertThat(SchemaFormat.parse(null)).isEqualTo(SchemaFormat.AVRO);
        assertThat(SchemaFormat.parse("json")).isEqualTo(SchemaFormat.JSON);
        assertThatThrownBy(() -> SchemaFormat.parse("PROTOBUF")).hasMessageContaining("PROTOBUF");
    }

    @Test
    void theCanonicalModelRoundTripsAndTheFingerprintIgnoresVersionAndStatus() {
        for (BuiltinSchemas.Builtin b : BuiltinSchemas.load()) {
            SchemaParser.Draft d = parser.parse(b.subject(), b.schemaType(), b.schemaText(), b.ruleSet());
            SchemaVersion v = d.model().withVersion(7);
            assertThat(CanonicalCodec.fromJson(CanonicalCodec.toJson(v))).as(b.subject()).isEqualTo(v);
            assertThat(CanonicalCodec.fingerprint(v.withStatus(dev.sluice.domain.model.schema.SchemaStatus.BREAKING), d.format()))
                    .isEqualTo(d.fingerprint());
        }
        String a = parser.parse("t.e", "JSON", "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}", null).fingerprint();
        String b = parser.parse("t.e", "JSON", "{ \"properties\": {\"a\": {\"type\": \"string\"}}, \"type\": \"object\" }", null).fingerprint();
        String c = parser.parse("t.e", "JSON", "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"}}}", null).fingerprint();
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void theBuiltInAcmeSchemaMatchesTheDomainsSeedModel() {
        BuiltinSchemas.Builtin acme = BuiltinSchemas.load().stream().filter(b -> b.subject().equals("acme-telemetry")).findFirst().orElseThrow();
        SchemaVersion mine = parser.parse(acme.subject(), acme.schemaType(), acme.schemaText(), acme.ruleSet()).model();
        SchemaVersion seed = SeedSchemas.acmeVideo();

        assertThat(mine.fields()).extracting(Field::name, Field::type, Field::required, Field::pii)
                .containsExactlyElementsOf(seed.fields().stream().map(f -> org.assertj.core.groups.Tuple.tuple(
                        f.name(), f.type(), f.required(), f.pii())).toList());
        assertThat(mine.closed()).isEqualTo(seed.closed());
        assertThat(mine.rules()).extracting(r -> r.expression())
                .containsExactlyElementsOf(seed.rules().stream().map(r -> r.expression()).toList());
    }

    @Test
    void everyBuiltInParsesWithItsPiiClasses() {
        Map<String, SchemaVersion> all = new java.util.LinkedHashMap<>();
        for (BuiltinSchemas.Builtin b : BuiltinSchemas.load()) {
            all.put(b.subject(), parser.parse(b.subject(), b.schemaType(), b.schemaText(), b.ruleSet()).model());
        }
        assertThat(all.keySet()).containsExactly("sluice-envelope", "acme-telemetry", "recsys-api.request", "recsys-api.ranking",
                "recsys-api.impression", "recsys-api.click", "recsys-api.error", "sluice-common-metadata");
        assertThat(all.get("acme-telemetry").fields()).hasSize(24);
        assertThat(all.get("acme-telemetry").rules()).hasSize(4);
        assertThat(all.get("acme-telemetry").field("ip_address").orElseThrow().pii()).isEqualTo(PiiClass.HIGH);
        assertThat(all.get("acme-telemetry").field("customer_id").orElseThrow().pii()).isNotEqualTo(PiiClass.NONE);
        assertThat(all.get("acme-telemetry").field("device_id").orElseThrow().pii()).isNotEqualTo(PiiClass.NONE);
        for (String s : java.util.List.of("request", "ranking", "impression", "click", "error")) {
            SchemaVersion v = all.get("recsys-api." + s);
            assertThat(v.field("user_id").orElseThrow().pii()).as(s).isEqualTo(PiiClass.LOW);
            assertThat(v.field("user_id").orElseThrow().constraints().format()).isEqualTo(Format.HEX64);
        }
        assertThat(all.get("recsys-api.request").field("request_id").orElseThrow().constraints().format()).isEqualTo(Format.UUID_V4);
        assertThat(all.get("recsys-api.impression").field("session_id").orElseThrow().pii()).isEqualTo(PiiClass.LOW);
        assertThat(all.get("sluice-common-metadata").flatten()).containsKeys("event_id", "source.service", "org_id");
        assertThat(all.get("sluice-envelope").flatten()).containsKeys("metadata.host", "metadata.env", "metadata.service");
    }
}
