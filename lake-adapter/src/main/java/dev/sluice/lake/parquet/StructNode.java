package dev.sluice.lake.parquet;

import org.apache.iceberg.StructLike;

import java.util.List;

/** A struct field: its children in schema order, from a {@link StructLike} of internal values. */
final class StructNode extends Node {

    private final Node[] children;

    StructNode(boolean optional, String name, List<Node> children) {
        super(optional, name);
        this.children = children.toArray(new Node[0]);
    }

    @Override
    void write(Object value, int repetition, int definition) {
        if (!(value instanceof StructLike struct)) {
            throw new IllegalArgumentException("Column " + name + " holds structs, not " + value.getClass().getName());
        }
        int inside = inside(definition);
        for (int i = 0; i < children.length; i++) {
            Object child = struct.get(i, Object.class);
            if (child == null) {
                requireOptional(children[i]);
                children[i].writeNull(repetition, inside);
            } else {
                children[i].write(child, repetition, inside);
            }
        }
    }

    @Override
    void writeNull(int repetition, int definition) {
        for (Node child : children) {
            child.writeNull(repetition, definition);
        }
    }

    static void requireOptional(Node node) {
        if (!node.optional) {
            throw new IllegalArgumentException("Field " + node.name + " is required, but the value has none");
        }
    }
}
