package dev.sluice.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.domain.model.schema.CompatibilityMode;
import dev.sluice.domain.model.schema.Constraints;
import dev.sluice.domain.model.schema.Field;
import dev.sluice.domain.model.schema.FieldType;
import dev.sluice.domain.model.schema.Format;
import dev.sluice.domain.model.schema.PiiClass;
import dev.sluice.domain.model.schema.Rule;
import dev.sluice.domain.model.schema.SchemaStatus;
import dev.sluice.domain.model.schema.SchemaVersion;
import dev.sluice.domain.model.schema.Subject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The canonical model as JSON: what the registry stores in {@code schema_versions.canonical}, and
 * what the fingerprint is computed over. The layout is stable; members are written in a fixed order
 * and optional members are omitted when empty, so equal models give equal bytes.
 */
final class CanonicalCodec {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private CanonicalCodec() {
    }

    /** The stored form: the whole version, including number, status and compatibility. */
    static String toJson(SchemaVersion v) {
        ObjectNode root = body(v);
        root.put("subject", v.subject().name());
        root.put("version", v.version());
        root.put("status", v.status().name());
        root.put("compatibility", v.compatibility().name());
        return write(root);
    }

    /**
     * SHA-256 over what the schema says about data: fields, rules, closedness, doc and format.
     * Version number, status and compatibility mode are not part of it, so registering the same
     * schema again finds the existing version.
     */
    static String fingerprint(SchemaVersion v, SchemaFormat format) {
        ObjectNode root = body(v);
        root.put("format", format.name());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(write(root).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static ObjectNode body(SchemaVersion v) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("closed", v.closed());
        if (!v.doc().isEmpty()) {
            root.put("doc", v.doc());
        }
        ArrayNode fields = root.putArray("fields");
        v.fields().forEach(f -> fields.add(field(f)));
        if (!v.rules().isEmpty()) {
            ArrayNode rules = root.putArray("rules");
            for (Rule r : v.rules()) {
                ObjectNode rn = rules.addObject();
                rn.put("id", r.id());
                rn.put("language", r.language());
                rn.put("expression", r.expression());
                rn.put("message", r.message());
            }
        }
        return root;
    }

    static ObjectNode field(Field f) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("name", f.name());
        n.put("type", f.type().name());
        n.put("required", f.required());
        if (f.defaultValue() != null) {
            n.set("default", Payloads.toJson(f.defaultValue()));
        }
        if (f.pii() != PiiClass.NONE) {
            n.put("pii", f.pii().name());
        }
        if (!f.doc().isEmpty()) {
            n.put("doc", f.doc());
        }
        Constraints c = f.constraints();
        if (!c.isEmpty()) {
            ObjectNode cn = n.putObject("constraints");
            if (!c.enumValues().isEmpty()) {
                ArrayNode e = cn.putArray("enum");
                c.enumValues().forEach(e::add);
            }
            if (c.pattern() != null) {
                cn.put("pattern", c.pattern());
            }
            if (c.format() != null) {
                cn.put("format", c.format().name());
            }
            if (c.minimum() != null) {
                cn.put("minimum", c.minimum());
            }
            if (c.maximum() != null) {
                cn.put("maximum", c.maximum());
            }
            if (c.minLength() != null) {
                cn.put("minLength", c.minLength());
            }
            if (c.maxLength() != null) {
                cn.put("maxLength", c.maxLength());
            }
        }
        if (f.type() == FieldType.STRUCT) {
            n.put("closed", f.closed());
            ArrayNode children = n.putArray("children");
            f.children().forEach(ch -> children.add(field(ch)));
        }
        if (f.element() != null) {
            n.set("element", field(f.element()));
        }
        if (!f.aliases().isEmpty()) {
            ArrayNode a = n.putArray("aliases");
            f.aliases().forEach(a::add);
        }
        return n;
    }

    static SchemaVersion fromJson(String json) {
        JsonNode root = read(json);
        Subject subject = Subject.parse(root.path("subject").asText());
        List<Field> fields = new ArrayList<>();
        root.path("fields").forEach(f -> fields.add(field(f, null)));
        List<Rule> rules = new ArrayList<>();
        root.path("rules").forEach(r -> rules.add(new Rule(r.path("id").asText(), r.path("message").asText(),
                r.path("expression").asText(), r.path("language").asText(Rule.CEL))));
        return new SchemaVersion(subject, root.path("version").asInt(), fields, rules, root.path("closed").asBoolean(),
                SchemaStatus.valueOf(root.path("status").asText()),
                CompatibilityMode.valueOf(root.path("compatibility").asText()), root.path("doc").asText(""));
    }

    private static Field field(JsonNode n, String parentPath) {
        String name = n.path("name").asText();
        String path = parentPath == null ? name : parentPath + "." + name;
        FieldType type = FieldType.valueOf(n.path("type").asText());
        Field.Builder b = Field.builder(path, type)
                .required(n.path("required").asBoolean())
                .pii(n.has("pii") ? PiiClass.valueOf(n.get("pii").asText()) : PiiClass.NONE)
                .doc(n.path("doc").asText(""))
                .closed(n.path("closed").asBoolean(false));
        if (n.has("default")) {
            b.defaultValue(Payloads.fromJson(n.get("default")));
        }
        JsonNode cn = n.path("constraints");
        if (cn.isObject()) {
            List<String> enums = new ArrayList<>();
            cn.path("enum").forEach(e -> enums.add(e.asText()));
            b.constraints(new Constraints(enums,
                    cn.has("pattern") ? cn.get("pattern").asText() : null,
                    cn.has("format") ? Format.valueOf(cn.get("format").asText()) : null,
                    cn.has("minimum") ? cn.get("minimum").asDouble() : null,
                    cn.has("maximum") ? cn.get("maximum").asDouble() : null,
                    cn.has("minLength") ? cn.get("minLength").asInt() : null,
                    cn.has("maxLength") ? cn.get("maxLength").asInt() : null));
        }
        List<Field> children = new ArrayList<>();
        n.path("children").forEach(c -> children.add(field(c, path)));
        b.children(children);
        if (n.has("element")) {
            b.element(elementField(n.get("element"), path + (type == FieldType.LIST ? "[]" : "{}")));
        }
        List<String> aliases = new ArrayList<>();
        n.path("aliases").forEach(a -> aliases.add(a.asText()));
        b.aliases(aliases);
        return b.build();
    }

    /** An element keeps the path of its container plus {@code []} or {@code {}}, whatever name it was written with. */
    private static Field elementField(JsonNode n, String elementPath) {
        ObjectNode copy = ((ObjectNode) n).deepCopy();
        int dot = elementPath.lastIndexOf('.');
        String parent = dot < 0 ? null : elementPath.substring(0, dot);
        copy.put("name", dot < 0 ? elementPath : elementPath.substring(dot + 1));
        return field(copy, parent);
    }

    static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not JSON: " + e.getOriginalMessage(), e);
        }
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
