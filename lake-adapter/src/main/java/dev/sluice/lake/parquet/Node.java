package dev.sluice.lake.parquet;

/**
 * A field of the table schema as it shreds values into leaf columns (Dremel's record shredding):
 * a value is written with the repetition level of its position and the definition level its
 * parent reached; a null (or an empty list or map) writes one entry per leaf below it, with the
 * definition level reached so far. Nested values are Iceberg's internal values: a struct is a
 * {@link org.apache.iceberg.StructLike}, a list a {@link java.util.List}, a map a {@link java.util.Map}.
 */
abstract class Node {

    final boolean optional;
    final String name;

    Node(boolean optional, String name) {
        this.optional = optional;
        this.name = name;
    }

    /**
     * Writes a non-null value.
     *
     * @param repetition the repetition level of this value's position
     * @param definition the definition level of the parent (this field's own level not counted)
     */
    abstract void write(Object value, int repetition, int definition);

    /** Writes a null, or what an undefined ancestor leaves here: one null entry per leaf below. */
    abstract void writeNull(int repetition, int definition);

    /** Writes top-level column {@code position} of {@code row}. */
    void writeTop(ColumnarRow row, int position) {
        Object value = row.object(position);
        if (value == null) {
            if (!optional) {
                throw new IllegalArgumentException("Column " + name + " is required, but the row has no value for it");
            }
            writeNull(0, 0);
        } else {
            write(value, 0, 0);
        }
    }

    /** The definition level of this field's children when it is present. */
    final int inside(int definition) {
        return optional ? definition + 1 : definition;
    }
}
