package dev.sluice.domain.model.schema;

/** The canonical field types every schema format (JSON Schema, Avro, profiled CSV) maps onto. */
public enum FieldType {
    STRING,
    LONG,
    DOUBLE,
    BOOLEAN,
    /** An instant: ISO-8601 with an offset, or epoch milliseconds. */
    TIMESTAMP,
    /** A calendar date, ISO-8601 {@code yyyy-MM-dd}. */
    DATE,
    UUID,
    /** A nested object with its own fields ({@link Field#children()}). */
    STRUCT,
    /** An array whose elements are described by {@link Field#element()}. */
    LIST,
    /** An object with arbitrary keys whose values are described by {@link Field#element()}. */
    MAP,
    /** Any JSON value, kept as JSON text. */
    JSON;

    /** True for types whose values are numbers. */
    public boolean isNumeric() {
        return this == LONG || this == DOUBLE;
    }
}
