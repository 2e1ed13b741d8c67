package dev.sluice.lake.parquet;

import java.util.Map;

/**
 * A map field ({@code <map> (MAP) { repeated group key_value { key; value } }}), entry by entry in
 * the map's iteration order; levels as for {@link ListNode}. Keys are required.
 */
final class MapNode extends Node {

    private final int repeatedLevel;
    private final Node key;
    private final Node value;

    MapNode(boolean optional, String name, int repeatedLevel, Node key, Node value) {
        super(optional, name);
        this.repeatedLevel = repeatedLevel;
        this.key = key;
        this.value = value;
    }

    @Override
    void write(Object v, int repetition, int definition) {
        if (!(v instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("Column " + name + " holds maps, not " + v.getClass().getName());
        }
        int inside = inside(definition);
        if (map.isEmpty()) {
            key.writeNull(repetition, inside);
            value.writeNull(repetition, inside);
            return;
        }
        int r = repetition;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getKey() == null) {
                throw new IllegalArgumentException("Map column " + name + " has a null key");
            }
            key.write(e.getKey(), r, inside + 1);
            if (e.getValue() == null) {
                StructNode.requireOptional(value);
                value.writeNull(r, inside + 1);
            } else {
                value.write(e.getValue(), r, inside + 1);
            }
            r = repeatedLevel;
        }
    }

    @Override
    void writeNull(int repetition, int definition) {
        key.writeNull(repetition, definition);
        value.writeNull(repetition, definition);
    }
}
