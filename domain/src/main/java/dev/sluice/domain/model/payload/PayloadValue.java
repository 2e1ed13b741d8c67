package dev.sluice.domain.model.payload;

/**
 * A JSON-like value owned by the domain, so that adapters can build payloads from any parser
 * (Jackson, Avro, CSV) and the core never sees a library type.
 *
 * <p>Values are immutable. Objects keep the insertion order of their members.
 */
public sealed interface PayloadValue
        permits ObjectValue, ArrayValue, StringValue, NumberValue, BooleanValue, NullValue {

    /** The kind of value, for messages and for profiling. */
    Kind kind();

    enum Kind { OBJECT, ARRAY, STRING, NUMBER, BOOLEAN, NULL }

    static PayloadValue ofNullable(String text) {
        return text == null ? NullValue.INSTANCE : new StringValue(text);
    }
}
