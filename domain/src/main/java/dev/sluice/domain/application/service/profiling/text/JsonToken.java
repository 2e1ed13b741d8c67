package dev.sluice.domain.application.service.profiling.text;

/** The tokens {@link JsonReader} produces. */
public enum JsonToken {
    BEGIN_OBJECT,
    END_OBJECT,
    BEGIN_ARRAY,
    END_ARRAY,
    /** A member name; {@link JsonReader#text()} holds it. */
    NAME,
    /** A string value; {@link JsonReader#text()} holds it. */
    STRING,
    /** A number; {@link JsonReader#number()} holds it as a Long, Double or BigDecimal. */
    NUMBER,
    TRUE,
    FALSE,
    NULL,
    /** No more top-level values. */
    END_OF_INPUT
}
