package dev.sluice.domain.model.profile;

import dev.sluice.domain.model.schema.FieldType;

import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * How observed shapes become a field type, and how two field types widen into one.
 *
 * <pre>
 *                 JSON                       (top: any value)
 *      ┌──────────┬─────┴──────┬────────┐
 *    STRING     DOUBLE      BOOLEAN  STRUCT, LIST, MAP
 *   ┌──┼───┐      │
 * TIMESTAMP DATE UUID  LONG
 * </pre>
 *
 * <ul>
 *   <li>One shape maps to its type (OBJECT to STRUCT, ARRAY to LIST).</li>
 *   <li>LONG and DOUBLE widen to DOUBLE.</li>
 *   <li>Two string shapes (timestamp, date, uuid, string) widen to STRING.</li>
 *   <li>Any other conflict crosses JSON kinds (a number and a string, an object and an array) and
 *       widens to JSON, the only type whose values include both. When every value came from text
 *       (a CSV cell), the conflict widens to STRING instead: the data was text all along.</li>
 *   <li>No shape at all (the path was only ever null) gives JSON for JSON data and STRING for text:
 *       there is no evidence, so the type admits anything the source can hold.</li>
 * </ul>
 */
public final class TypeLattice {

    private TypeLattice() {
    }

    /** The field type of a path whose non-null values had {@code shapes}. */
    public static FieldType resolve(Set<ObservedType> shapes, boolean textual) {
        requireNonNull(shapes, "shapes is null");
        if (shapes.isEmpty()) {
            return textual ? FieldType.STRING : FieldType.JSON;
        }
        if (shapes.size() == 1) {
            return of(shapes.iterator().next());
        }
        boolean allNumeric = true;
        boolean allStringLike = true;
        for (ObservedType s : shapes) {
            allNumeric &= s == ObservedType.LONG || s == ObservedType.DOUBLE;
            allStringLike &= s.isStringLike();
        }
        if (allNumeric) {
            return FieldType.DOUBLE;
        }
        if (allStringLike || textual) {
            return FieldType.STRING;
        }
        return FieldType.JSON;
    }

    /** The field type of a single shape. */
    public static FieldType of(ObservedType shape) {
        return switch (requireNonNull(shape, "shape is null")) {
            case BOOLEAN -> FieldType.BOOLEAN;
            case LONG -> FieldType.LONG;
            case DOUBLE -> FieldType.DOUBLE;
            case TIMESTAMP -> FieldType.TIMESTAMP;
            case DATE -> FieldType.DATE;
            case UUID -> FieldType.UUID;
            case STRING -> FieldType.STRING;
            case OBJECT -> FieldType.STRUCT;
            case ARRAY -> FieldType.LIST;
        };
    }

    /**
     * The least type that holds the values of both {@code a} and {@code b}: equal types stay, LONG
     * and DOUBLE give DOUBLE, two string-like types (STRING, TIMESTAMP, DATE, UUID) give STRING,
     * anything else gives JSON. Two STRUCTs (or LISTs, or MAPs) stay STRUCT (LIST, MAP): their
     * children are merged by the caller.
     */
    public static FieldType join(FieldType a, FieldType b) {
        requireNonNull(a, "a is null");
        requireNonNull(b, "b is null");
        if (a == b) {
            return a;
        }
        if (a.isNumeric() && b.isNumeric()) {
            return FieldType.DOUBLE;
        }
        if (isStringLike(a) && isStringLike(b)) {
            return FieldType.STRING;
        }
        return FieldType.JSON;
    }

    private static boolean isStringLike(FieldType t) {
        return t == FieldType.STRING || t == FieldType.TIMESTAMP || t == FieldType.DATE || t == FieldType.UUID;
    }
}
