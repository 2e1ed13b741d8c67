package dev.sluice.registry;

import java.util.Locale;

/** The schema languages the registry accepts, named as in Confluent's {@code schemaType}. */
enum SchemaFormat {
    JSON,
    AVRO;

    /** Confluent's rule: an absent {@code schemaType} means AVRO. */
    static SchemaFormat parse(String schemaType) {
        if (schemaType == null || schemaType.isBlank()) {
            return AVRO;
        }
        return switch (schemaType.trim().toUpperCase(Locale.ROOT)) {
            case "JSON", "JSONSCHEMA", "JSON_SCHEMA" -> JSON;
            case "AVRO" -> AVRO;
            default -> throw new RegistryException(RegistryError.INVALID_SCHEMA,
                    "Unsupported schemaType '" + schemaType + "': Sluice accepts JSON (JSON Schema) and AVRO");
        };
    }
}
