package dev.sluice.domain.application.service.compatibility;

import dev.sluice.domain.model.schema.FieldType;
import dev.sluice.domain.model.schema.Format;

/**
 * Which writer types a reader type can read, and which writer formats a reader format accepts.
 * The widenings are the ones where every value the writer may produce is a valid value of the
 * reader's type (ADR "Type widenings of the compatibility checker"). Shared by the compatibility
 * checker and by schema diffs, so that both agree on what a widening is.
 */
public final class TypeReadability {

    private TypeReadability() {
    }

    /** True when every value a writer of {@code writer} type produces is a value of {@code reader} type. */
    public static boolean canRead(FieldType reader, FieldType writer) {
        if (reader == writer || reader == FieldType.JSON) {
            return true;
        }
        return switch (reader) {
            // Avro's long -> double promotion; integers above 2^53 lose precision, as in Avro.
            case DOUBLE -> writer == FieldType.LONG;
            // Every UUID and every DATE is written as a JSON string. TIMESTAMP is not: epoch millis are numbers.
            case STRING -> writer == FieldType.UUID || writer == FieldType.DATE;
            default -> false;
        };
    }

    /** The format every value of a writer field has, taking its type into account; {@code null} when none. */
    static Format effectiveFormat(FieldType type, Format declared) {
        if (declared != null) {
            return declared;
        }
        return switch (type) {
            case UUID -> Format.UUID;
            case DATE -> Format.DATE;
            default -> null;
        };
    }

    /** True when every string of {@code writer} format also has {@code reader} format. */
    static boolean formatAccepts(Format reader, Format writer) {
        if (reader == null || reader == writer) {
            return true;
        }
        return reader == Format.UUID && writer == Format.UUID_V4;
    }

    /** A plural noun for values of a type, for messages: "strings", "longs", "objects". */
    static String pluralNoun(FieldType type) {
        return switch (type) {
            case STRING -> "strings";
            case LONG -> "longs";
            case DOUBLE -> "doubles";
            case BOOLEAN -> "booleans";
            case TIMESTAMP -> "timestamps";
            case DATE -> "dates";
            case UUID -> "UUIDs";
            case STRUCT -> "objects";
            case LIST -> "lists";
            case MAP -> "maps";
            case JSON -> "JSON values";
        };
    }
}
