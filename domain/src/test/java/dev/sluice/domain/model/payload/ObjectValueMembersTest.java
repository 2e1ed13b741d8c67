package dev.sluice.domain.model.payload;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The array-backed members: map semantics, positional access, and builders that share a shape. */
class ObjectValueMembersTest {

    private static ObjectValue abc() {
        return ObjectValue.builder().put("b", 1L).put("a", "x").put("c", true).build();
    }

    @Test
    void membersBehaveLikeAnInsertionOrderedMap() {
        ObjectValue o = abc();
        Map<String, PayloadValue> expected = new LinkedHashMap<>();
        expected.put("b", NumberValue.of(1L));
        expected.put("a", new StringValue("x"));
        expected.put("c", BooleanValue.TRUE);

        assertThat(o.members()).isEqualTo(expected).hasSameHashCodeAs(expected);
        assertThat(List.copyOf(o.members().keySet())).containsExactly("b", "a", "c");
        assertThat(List.copyOf(o.members().values())).containsExactly(NumberValue.of(1L), new StringValue("x"), BooleanValue.TRUE);
        assertThat(o.members().get("zz")).isNull();
        assertThat(o.members().containsKey("a")).isTrue();
        assertThat(o).isEqualTo(new ObjectValue(expected));
        assertThat(o.toString()).isEqualTo("ObjectValue[members={b=NumberValue[value=1], a=StringValue[value=x], c=BooleanValue[value=true]}]");
        assertThatThrownBy(() -> o.members().entrySet().iterator().remove()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aLargeObjectFindsEveryMember() {
        ObjectValue.Builder b = ObjectValue.builder();
        for (int i = 0; i < 1000; i++) {
            b.put("m" + i, i);
        }
        b.put("m500", "again");
        ObjectValue o = b.build();

        assertThat(o.size()).isEqualTo(1000);
        for (int i = 0; i < 1000; i++) {
            assertThat(o.getOrNull("m" + i)).isEqualTo(i == 500 ? new StringValue("again") : NumberValue.of(i));
            assertThat(o.nameAt(o.indexOf("m" + i))).isEqualTo("m" + i);
        }
        assertThat(o.indexOf("m1000")).isEqualTo(-1);
        List<String> byName = new ArrayList<>();
        for (int k = 0; k < o.size(); k++) {
            byName.add(o.nameAt(o.nameOrderAt(k)));
        }
        assertThat(byName).isSorted().hasSize(1000).doesNotHaveDuplicates();
    }

    @Test
    void positionalAccessAndNameOrder() {
        ObjectValue o = abc();
        List<String> byName = new ArrayList<>();
        for (int k = 0; k < o.size(); k++) {
            byName.add(o.nameAt(o.nameOrderAt(k)));
        }

        assertThat(byName).containsExactly("a", "b", "c");
        assertThat(o.valueAt(1)).isEqualTo(new StringValue("x"));
        assertThatThrownBy(() -> o.valueAt(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void withValueAtAndMapValuesCopyOnlyWhatChanges() {
        ObjectValue o = abc();
        ObjectValue changed = o.withValueAt(1, new StringValue("y"));

        assertThat(changed.members()).containsExactly(Map.entry("b", NumberValue.of(1L)),
                Map.entry("a", new StringValue("y")), Map.entry("c", BooleanValue.TRUE));
        assertThat(o.getOrNull("a")).isEqualTo(new StringValue("x"));
        assertThat(o.mapValues(v -> v)).isSameAs(o);
        assertThat(o.withValuesAt(new int[] {2, 0}, new PayloadValue[] {BooleanValue.FALSE, NullValue.INSTANCE}, 2)
                .members()).containsExactly(Map.entry("b", NullValue.INSTANCE), Map.entry("a", new StringValue("x")),
                Map.entry("c", BooleanValue.FALSE));
        assertThat(o.withValuesAt(new int[0], new PayloadValue[0], 0)).isEqualTo(o);
        assertThatThrownBy(() -> o.withValuesAt(new int[] {3}, new PayloadValue[] {NullValue.INSTANCE}, 1))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> o.withValuesAt(new int[] {0}, new PayloadValue[] {NullValue.INSTANCE}, 2))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(o.getOrNull("b")).as("the original is unchanged").isEqualTo(NumberValue.of(1L));
        assertThat(o.mapValues(v -> v instanceof StringValue ? NullValue.INSTANCE : v).getOrNull("a"))
                .isEqualTo(NullValue.INSTANCE);
    }

    @Test
    void aBuilderLikeAnExampleGivesTheSameObjectsAsAPlainBuilder() {
        ObjectValue example = abc();
        List<List<Map.Entry<String, PayloadValue>>> sequences = List.of(
                List.of(Map.entry("b", NumberValue.of(2L)), Map.entry("a", new StringValue("z")), Map.entry("c", BooleanValue.FALSE)),
                List.of(Map.entry("b", NumberValue.of(2L)), Map.entry("a", new StringValue("z"))),
                List.of(Map.entry("b", NumberValue.of(2L)), Map.entry("d", NullValue.INSTANCE), Map.entry("a", NullValue.INSTANCE)),
                List.of(Map.entry("b", NumberValue.of(2L)), Map.entry("a", new StringValue("z")), Map.entry("c", BooleanValue.FALSE),
                        Map.entry("d", NullValue.INSTANCE)),
                List.of(Map.entry("b", NumberValue.of(2L)), Map.entry("b", NumberValue.of(3L))),
                List.of(Map.entry("c", BooleanValue.FALSE), Map.entry("b", NumberValue.of(2L)), Map.entry("a", NullValue.INSTANCE)),
                List.of());
        for (List<Map.Entry<String, PayloadValue>> puts : sequences) {
            ObjectValue.Builder like = ObjectValue.builderLike(example);
            ObjectValue.Builder plain = ObjectValue.builder();
            for (Map.Entry<String, PayloadValue> e : puts) {
                assertThat(like.contains(e.getKey())).as("contains %s in %s", e.getKey(), puts)
                        .isEqualTo(plain.contains(e.getKey()));
                like.put(e.getKey(), e.getValue());
                plain.put(e.getKey(), e.getValue());
            }
            ObjectValue built = like.build();
            assertThat(built).as("%s", puts).isEqualTo(plain.build());
            assertThat(List.copyOf(built.members().keySet())).isEqualTo(List.copyOf(plain.build().members().keySet()));
            // the builder keeps working after build without changing what it built
            like.put("e", 5L);
            assertThat(built.getOrNull("e")).isNull();
            assertThat(like.build().getOrNull("e")).isEqualTo(NumberValue.of(5L));
        }
        assertThat(example).isEqualTo(abc());
    }
}
