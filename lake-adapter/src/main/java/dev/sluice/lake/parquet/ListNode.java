package dev.sluice.lake.parquet;

import java.util.List;

/**
 * A list field in Parquet's three-level form ({@code <list> (LIST) { repeated group list { element } }}):
 * the first element takes the repetition level of the list's own position, the others the list's
 * repeated level; an empty list writes one null entry defined up to the repeated group's parent.
 */
final class ListNode extends Node {

    private final int repeatedLevel;
    private final Node element;

    ListNode(boolean optional, String name, int repeatedLevel, Node element) {
        super(optional, name);
        this.repeatedLevel = repeatedLevel;
        this.element = element;
    }

    @Override
    void write(Object value, int repetition, int definition) {
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("Column " + name + " holds lists, not " + value.getClass().getName());
        }
        int inside = inside(definition);
        int n = list.size();
        if (n == 0) {
            element.writeNull(repetition, inside);
            return;
        }
        for (int i = 0; i < n; i++) {
            Object e = list.get(i);
            int r = i == 0 ? repetition : repeatedLevel;
            if (e == null) {
                StructNode.requireOptional(element);
                element.writeNull(r, inside + 1);
            } else {
                element.write(e, r, inside + 1);
            }
        }
    }

    @Override
    void writeNull(int repetition, int definition) {
        element.writeNull(repetition, definition);
    }
}
