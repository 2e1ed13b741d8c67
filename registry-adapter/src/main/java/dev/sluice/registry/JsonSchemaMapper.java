package dev.sluice.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.domain.model.schema.Constraints;
import dev.sluice.domain.model.schema.Field;
import dev.sluice.domain.model.schema.FieldType;
import dev.sluice.domain.model.schema.Format;
import dev.sluice.domain.model.schema.PiiClass;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * Maps the JSON Schema subset that seeds 000-002 need onto the canonical model. Every keyword is
 * either mapped, accepted as a pure annotation, or refused with {@link RegistryError#UNSUPPORTED_CONSTRUCT}
 * naming it and its JSON pointer: nothing is dropped silently.
 *
 * <p>Sluice extensions: {@code x-pii} (NONE, LOW, HIGH) and {@code x-aliases} on a property;
 * Confluent's {@code confluent:tags} containing {@code PII} means HIGH. Extra {@code format}
 * values: {@code uuid-v4}, {@code hex64}, {@code semver}.
 */
final class JsonSchemaMapper {

    /** Keywords that carry no constraint on data and that Sluice may ignore or keep as doc. */
    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "$comment", "title", "description",
            "examples", "deprecated", "readOnly", "writeOnly", "x-pii", "x-aliases", "confluent:tags", "default");
    private static final Set<String> MAPPED = Set.of("type", "properties", "required", "additionalProperties", "enum",
            "pattern", "format", "minimum", "maximum", "minLength", "maxLength", "items", "minItems", "maxItems");

    record Mapped(List<Field> fields, boolean closed, String doc) {
    }

    Mapped map(String text) {
        JsonNode root;
        try {
            root = CanonicalCodec.read(text);
        } catch (IllegalArgumentException e) {
            throw RegistryException.invalid("Invalid JSON Schema: " + e.getMessage());
        }
        if (!root.isObject()) {
            throw RegistryException.invalid("Invalid JSON Schema: the root must be a JSON object, got " + root.getNodeType());
        }
        checkKeywords(root, "#");
        Set<String> types = types(root, "#");
        if (!(types.equals(Set.of("object")) || (types.isEmpty() && root.has("properties")))) {
            throw RegistryException.invalid("Invalid JSON Schema: the root must be \"type\": \"object\" with properties, got type "
                    + (types.isEmpty() ? "(none)" : types));
        }
        List<Field> fields = properties(root, null, "#");
        return new Mapped(fields, closed(root, "#"), root.path("description").asText(""));
    }

    private List<Field> properties(JsonNode node, String parentPath, String pointer) {
        JsonNode props = node.path("properties");
        if (!props.isMissingNode() && !props.isObject()) {
            throw RegistryException.invalid("Invalid JSON Schema at " + pointer + "/properties: must be an object");
        }
        Set<String> required = new HashSet<>();
        JsonNode req = node.path("required");
        if (!req.isMissingNode()) {
            if (!req.isArray()) {
                throw RegistryException.invalid("Invalid JSON Schema at " + pointer + "/required: must be an array of names");
            }
            for (JsonNode r : req) {
                if (!props.has(r.asText())) {
                    throw RegistryException.invalid("Invalid JSON Schema at " + pointer + "/required: '" + r.asText()
                            + "' is required but not listed in properties");
                }
                required.add(r.asText());
            }
        }
        List<Field> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = parentPath == null ? e.getKey() : parentPath + "." + e.getKey();
            out.add(field(path, e.getValue(), required.contains(e.getKey()), pointer + "/properties/" + e.getKey()));
        }
        return out;
    }

    private Field field(String path, JsonNode node, boolean requiredByParent, String pointer) {
        if (!node.isObject()) {
            throw RegistryException.unsupported(node.isBoolean() ? "boolean schema " + node : node.getNodeType().toString(), pointer);
        }
        checkKeywords(node, pointer);
        Set<String> types = types(node, pointer);
        boolean nullable = types.remove("null");
        String type;
        if (types.size() > 1) {
            throw RegistryException.unsupported("type " + types + " (a union of several non-null types)", pointer);
        } else if (types.size() == 1) {
            type = types.iterator().next();
        } else if (node.has("properties")) {
            type = "object";
        } else if (node.has("items")) {
            type = "array";
        } else if (node.has("enum") || node.has("pattern") || node.has("format")) {
            type = "string";
        } else {
            type = "any";
        }
        Constraints constraints = Constraints.NONE;
        FieldType fieldType;
        Field.Builder b;
        switch (type) {
            case "string" -> {
                fieldType = FieldType.STRING;
                if (node.has("format")) {
                    String format = node.get("format").asText();
                    Format f = switch (format) {
                        case "uuid" -> Format.UUID;
                        case "uuid-v4" -> Format.UUID_V4;
                        case "date-time" -> Format.DATE_TIME;
                        case "date" -> Format.DATE;
                        case "ipv4" -> Format.IPV4;
                        case "ipv6" -> Format.IPV6;
                        case "email" -> Format.EMAIL;
                        case "hex64" -> Format.HEX64;
                        case "semver" -> Format.SEMVER;
                        default -> throw RegistryException.unsupported("format: " + format, pointer
                                + " (supported: uuid, uuid-v4, date-time, date, ipv4, ipv6, email, hex64, semver)");
                    };
                    fieldType = switch (f) {
                        case UUID, UUID_V4 -> FieldType.UUID;
                        case DATE_TIME -> FieldType.TIMESTAMP;
                        case DATE -> FieldType.DATE;
                        default -> FieldType.STRING;
                    };
                    constraints = constraints.withFormat(f);
                }
                if (node.has("pattern")) {
                    String pattern = node.get("pattern").asText();
                    try {
                        java.util.regex.Pattern.compile(pattern);
                    } catch (PatternSyntaxException e) {
                        throw RegistryException.invalid("Invalid JSON Schema at " + pointer + "/pattern: " + e.getDescription()
                                + " in '" + e.getPattern() + "'");
                    }
                    constraints = constraints.withPattern(wholeMatch(pattern));
                }
                if (node.has("enum")) {
                    List<String> values = new ArrayList<>();
                    for (JsonNode v : node.get("enum")) {
                        if (v.isNull() && nullable) {
                            continue;
                        }
                        if (!v.isTextual()) {
                            throw RegistryException.unsupported("enum value " + v + " (only string enums are supported)", pointer);
                        }
                        values.add(v.textValue());
                    }
                    constraints = constraints.withEnum(values);
                }
                constraints = constraints.withLength(intOrNull(node, "minLength", pointer), intOrNull(node, "maxLength", pointer));
                refuse(node, pointer, "minimum", "maximum", "items", "minItems", "maxItems", "properties", "additionalProperties");
                b = Field.builder(path, fieldType);
            }
            case "integer", "number" -> {
                fieldType = type.equals("integer") ? FieldType.LONG : FieldType.DOUBLE;
                constraints = constraints.withRange(doubleOrNull(node, "minimum", pointer), doubleOrNull(node, "maximum", pointer));
                refuse(node, pointer, "enum", "pattern", "format", "minLength", "maxLength", "items", "minItems", "maxItems",
                        "properties", "additionalProperties");
                b = Field.builder(path, fieldType);
            }
            case "boolean" -> {
                refuse(node, pointer, "enum", "pattern", "format", "minimum", "maximum", "minLength", "maxLength", "items",
                        "minItems", "maxItems", "properties", "additionalProperties");
                b = Field.builder(path, FieldType.BOOLEAN);
            }
            case "array" -> {
                refuse(node, pointer, "enum", "pattern", "format", "minimum", "maximum", "minLength", "maxLength",
                        "properties", "additionalProperties");
                JsonNode items = node.path("items");
                Field element;
                if (items.isMissingNode()) {
                    element = Field.builder(path + "[]", FieldType.JSON).required(true).build();
                } else if (items.isArray()) {
                    throw RegistryException.unsupported("items as an array (tuple validation)", pointer);
                } else {
                    element = field(path + "[]", items, true, pointer + "/items");
                }
                constraints = constraints.withLength(intOrNull(node, "minItems", pointer), intOrNull(node, "maxItems", pointer));
                b = Field.builder(path, FieldType.LIST).element(element);
            }
            case "object" -> {
                refuse(node, pointer, "enum", "pattern", "format", "minimum", "maximum", "minLength", "maxLength", "items",
                        "minItems", "maxItems");
                JsonNode additional = node.path("additionalProperties");
                if (!node.has("properties") && additional.isObject()) {
                    refuse(node, pointer, "required");
                    b = Field.builder(path, FieldType.MAP)
                            .element(field(path + "{}", additional, true, pointer + "/additionalProperties"));
                } else if (!node.has("properties") && !(additional.isBoolean() && !additional.booleanValue())) {
                    refuse(node, pointer, "required");
                    b = Field.builder(path, FieldType.JSON);
                } else {
                    if (additional.isObject()) {
                        throw RegistryException.unsupported("additionalProperties with a schema beside properties", pointer);
                    }
                    b = Field.builder(path, FieldType.STRUCT)
                            .children(properties(node, path, pointer))
                            .closed(closed(node, pointer));
                }
            }
            case "any" -> b = Field.builder(path, FieldType.JSON);
            default -> throw RegistryException.unsupported("type: " + type, pointer);
        }
        try {
            b.constraints(new Constraints(constraints.enumValues(), constraints.pattern(), constraints.format(),
                    constraints.minimum(), constraints.maximum(), constraints.minLength(), constraints.maxLength()));
        } catch (PatternSyntaxException e) {
            throw RegistryException.invalid("Invalid JSON Schema at " + pointer + "/pattern: " + e.getDescription()
                    + " in '" + e.getPattern() + "'");
        } catch (IllegalArgumentException e) {
            throw RegistryException.invalid("Invalid JSON Schema at " + pointer + ": " + e.getMessage());
        }
        b.required(requiredByParent && !nullable)
                .doc(node.path("description").asText(""))
                .pii(pii(node, pointer));
        if (node.has("default")) {
            b.defaultValue(Payloads.fromJson(node.get("default")));
        }
        if (node.has("x-aliases")) {
            List<String> aliases = new ArrayList<>();
            node.get("x-aliases").forEach(a -> aliases.add(a.asText()));
            b.aliases(aliases);
        }
        return b.build();
    }

    /**
     * JSON Schema's {@code pattern} finds a match anywhere in the string, while the canonical
     * model's pattern must match the whole string: unanchored ends are padded with {@code [\\s\\S]*}.
     */
    static String wholeMatch(String pattern) {
        boolean start = pattern.startsWith("^");
        boolean end = pattern.endsWith("$") && !pattern.endsWith("\\$");
        if (start && end) {
            return pattern;
        }
        return (start ? "" : "[\\s\\S]*") + "(?:" + pattern + ")" + (end ? "" : "[\\s\\S]*");
    }

    private static boolean closed(JsonNode node, String pointer) {
        JsonNode additional = node.path("additionalProperties");
        if (additional.isMissingNode() || additional.isBoolean()) {
            return additional.isBoolean() && !additional.booleanValue();
        }
        throw RegistryException.unsupported("additionalProperties with a schema beside properties", pointer);
    }

    private static PiiClass pii(JsonNode node, String pointer) {
        if (node.has("x-pii")) {
            String value = node.get("x-pii").asText().toUpperCase(Locale.ROOT);
            try {
                return PiiClass.valueOf(value);
            } catch (IllegalArgumentException e) {
                throw RegistryException.invalid("Invalid JSON Schema at " + pointer + "/x-pii: '" + node.get("x-pii").asText()
                        + "' is not one of NONE, LOW, HIGH");
            }
        }
        for (JsonNode tag : node.path("confluent:tags")) {
            if (tag.asText().equalsIgnoreCase("PII")) {
                return PiiClass.HIGH;
            }
        }
        return PiiClass.NONE;
    }

    private static Set<String> types(JsonNode node, String pointer) {
        Set<String> out = new LinkedHashSet<>();
        JsonNode type = node.path("type");
        if (type.isTextual()) {
            out.add(type.textValue());
        } else if (type.isArray()) {
            type.forEach(t -> out.add(t.asText()));
        } else if (!type.isMissingNode()) {
            throw RegistryException.invalid("Invalid JSON Schema at " + pointer + "/type: must be a string or an array of strings");
        }
        for (String t : out) {
            if (!Set.of("string", "integer", "number", "boolean", "object", "array", "null").contains(t)) {
                throw RegistryException.invalid("Invalid JSON Schema at " + pointer + "/type: unknown type '" + t + "'");
            }
        }
        return out;
    }

    private static void checkKeywords(JsonNode node, String pointer) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String keyword = it.next();
            if (!ANNOTATIONS.contains(keyword) && !MAPPED.contains(keyword)) {
                throw RegistryException.unsupported(keyword, pointer);
            }
        }
    }

    private static void refuse(JsonNode node, String pointer, String... keywords) {
        for (String k : keywords) {
            if (node.has(k)) {
                throw RegistryException.unsupported(k + " on a value of type " + node.path("type"), pointer);
            }
        }
    }

    private static Integer intOrNull(JsonNode node, String name, String pointer) {
        if (!node.has(name)) {
            return null;
        }
        JsonNode v = node.get(name);
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw RegistryException.invalid("Invalid JSON Schema at " + pointer + "/" + name + ": must be a non-negative integer, got " + v);
        }
        return v.intValue();
    }

    private static Double doubleOrNull(JsonNode node, String name, String pointer) {
        if (!node.has(name)) {
            return null;
        }
        JsonNode v = node.get(name);
        if (!v.isNumber()) {
            throw RegistryException.invalid("Invalid JSON Schema at " + pointer + "/" + name + ": must be a number, got " + v);
        }
        return v.doubleValue();
    }
}
