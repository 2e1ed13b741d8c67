package dev.sluice.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.domain.model.schema.Constraints;
import dev.sluice.domain.model.schema.Field;
import dev.sluice.domain.model.schema.FieldType;
import dev.sluice.domain.model.schema.Format;
import dev.sluice.domain.model.schema.PiiClass;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps Avro ({@code .avsc}, parsed by the Apache Avro library) onto the canonical model. A union
 * with null makes a field optional. Records map to open content models: Avro's schema resolution
 * skips writer fields the reader does not know, so adding a field with a default is FULL
 * compatible, as in Confluent. Refused with
 * {@link RegistryError#UNSUPPORTED_CONSTRUCT}: unions of several non-null branches, fixed, bytes,
 * and logical types other than timestamp-millis, timestamp-micros, date and uuid.
 *
 * <p>Sluice extension: a field property {@code "pii": "HIGH"}.
 */
final class AvroMapper {

    record Mapped(List<Field> fields, String doc) {
    }

    Mapped map(String text) {
        Schema schema;
        try {
            schema = new Schema.Parser().setValidateDefaults(true).parse(text);
        } catch (SchemaParseException | org.apache.avro.AvroTypeException e) {
            throw RegistryException.invalid("Invalid Avro schema: " + e.getMessage());
        } catch (RuntimeException e) {
            throw RegistryException.invalid("Invalid Avro schema: " + e.getMessage());
        }
        if (schema.getType() != Schema.Type.RECORD) {
            throw RegistryException.invalid("Invalid Avro schema: the top-level schema must be a record, got " + schema.getType());
        }
        return new Mapped(fields(schema, null, schema.getFullName()), schema.getDoc() == null ? "" : schema.getDoc());
    }

    private List<Field> fields(Schema record, String parentPath, String where) {
        List<Field> out = new ArrayList<>();
        for (Schema.Field f : record.getFields()) {
            String path = parentPath == null ? f.name() : parentPath + "." + f.name();
            Field.Builder b = type(path, f.schema(), where + "." + f.name());
            boolean nullable = isNullableUnion(f.schema());
            b.required(!nullable)
                    .doc(f.doc() == null ? "" : f.doc())
                    .pii(pii(f.getObjectProp("pii"), where + "." + f.name()))
                    .aliases(List.copyOf(f.aliases()));
            if (f.hasDefaultValue()) {
                JsonNode dflt = CanonicalCodec.MAPPER.valueToTree(toPlain(f.defaultVal()));
                b.defaultValue(Payloads.fromJson(dflt));
            }
            out.add(b.build());
        }
        return out;
    }

    private static Object toPlain(Object avroDefault) {
        if (avroDefault == org.apache.avro.JsonProperties.NULL_VALUE) {
            return null;
        }
        return avroDefault;
    }

    private static boolean isNullableUnion(Schema s) {
        return s.getType() == Schema.Type.UNION && s.getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.NULL);
    }

    /** A builder for the field at {@code path} with the canonical type of {@code s}; requiredness is set by the caller. */
    private Field.Builder type(String path, Schema s, String where) {
        if (s.getType() == Schema.Type.UNION) {
            List<Schema> nonNull = s.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).toList();
            if (nonNull.size() != 1) {
                throw RegistryException.unsupported("union " + s.getTypes().stream().map(Schema::getType).toList()
                        + " (only a union of null and one other type is supported)", where);
            }
            return type(path, nonNull.get(0), where);
        }
        LogicalType logical = s.getLogicalType();
        if (logical == null && s.getProp("logicalType") != null) {
            throw RegistryException.unsupported("logicalType " + s.getProp("logicalType") + " on " + s.getType(), where);
        }
        if (logical != null) {
            return switch (logical.getName()) {
                case "timestamp-millis", "timestamp-micros" -> Field.builder(path, FieldType.TIMESTAMP);
                case "date" -> Field.builder(path, FieldType.DATE);
                case "uuid" -> Field.builder(path, FieldType.UUID).constraints(Constraints.format(Format.UUID));
                default -> throw RegistryException.unsupported("logicalType " + logical.getName(), where);
            };
        }
        return switch (s.getType()) {
            case STRING -> Field.builder(path, FieldType.STRING);
            case INT, LONG -> Field.builder(path, FieldType.LONG);
            case FLOAT, DOUBLE -> Field.builder(path, FieldType.DOUBLE);
            case BOOLEAN -> Field.builder(path, FieldType.BOOLEAN);
            case ENUM -> Field.builder(path, FieldType.STRING).constraints(Constraints.NONE.withEnum(s.getEnumSymbols()));
            case ARRAY -> Field.builder(path, FieldType.LIST)
                    .element(type(path + "[]", s.getElementType(), where + "[]").required(!isNullableUnion(s.getElementType())).build());
            case MAP -> Field.builder(path, FieldType.MAP)
                    .element(type(path + "{}", s.getValueType(), where + "{}").required(!isNullableUnion(s.getValueType())).build());
            case RECORD -> Field.builder(path, FieldType.STRUCT).closed(false).children(fields(s, path, where));
            case NULL -> throw RegistryException.unsupported("a field of type null alone", where);
            case BYTES, FIXED -> throw RegistryException.unsupported(s.getType().getName(), where);
            case UNION -> throw new IllegalStateException("unreachable");
        };
    }

    private static PiiClass pii(Object value, String where) {
        if (value == null) {
            return PiiClass.NONE;
        }
        try {
            return PiiClass.valueOf(value.toString().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RegistryException.invalid("Invalid Avro schema at " + where + ": pii '" + value + "' is not one of NONE, LOW, HIGH");
        }
    }
}
