package dev.sluice.domain.model.payload;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The builder hands its map to the value without a copy; built values must still never change. */
class ObjectValueBuilderTest {

    @Test
    void aBuilderReusedAfterBuildDoesNotChangeWhatItBuilt() {
        ObjectValue.Builder b = ObjectValue.builder().put("a", 1L);
        ObjectValue first = b.build();
        ObjectValue second = b.put("b", 2L).put("a", "x").build();
        ObjectValue third = b.build();

        assertThat(first.members()).containsExactly(Map.entry("a", NumberValue.of(1L)));
        assertThat(List.copyOf(second.members().keySet())).containsExactly("a", "b");
        assertThat(second.getOrNull("a")).isEqualTo(new StringValue("x"));
        assertThat(third).isEqualTo(second);
        b.put("c", true);
        assertThat(second.size()).isEqualTo(2);
        assertThat(third.size()).isEqualTo(2);
    }

    @Test
    void builtMembersAreUnmodifiableAndCopiesOfOtherMapsStayIndependent() {
        ObjectValue built = ObjectValue.builder().put("a", 1L).build();
        assertThatThrownBy(() -> built.members().put("b", NullValue.INSTANCE))
                .isInstanceOf(UnsupportedOperationException.class);

        Map<String, PayloadValue> source = new LinkedHashMap<>();
        source.put("a", NumberValue.of(1L));
        ObjectValue copied = new ObjectValue(source);
        source.put("b", NullValue.INSTANCE);
        assertThat(copied.size()).isEqualTo(1);
        assertThat(new ObjectValue(built.members())).isEqualTo(built);
    }
}
