package dev.sluice.domain.model.ingest;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RawBytesTest {

    @Test
    void aCopyIsNotChangedByItsSource() {
        byte[] source = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        RawBytes raw = RawBytes.copyOf(source);

        source[0] = 'X';

        assertThat(raw.toUtf8Lossy()).isEqualTo("{\"a\":1}");
    }

    @Test
    void anAdoptedArrayHoldsTheSameBytesAsACopy() {
        byte[] handedOver = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

        RawBytes adopted = RawBytes.adopt(handedOver);

        assertThat(adopted).isEqualTo(RawBytes.copyOf(handedOver)).hasSameHashCodeAs(RawBytes.copyOf(handedOver));
        assertThat(adopted.size()).isEqualTo(7);
        assertThat(adopted.asReadOnlyBuffer().isReadOnly()).isTrue();
    }

    @Test
    void whatItHandsOutIsACopy() {
        RawBytes adopted = RawBytes.adopt("abc".getBytes(StandardCharsets.UTF_8));

        adopted.toByteArray()[0] = 'X';

        assertThat(adopted.toUtf8Lossy()).isEqualTo("abc");
    }

    @Test
    void anEmptyArrayIsTheSharedEmptyValue() {
        assertThat(RawBytes.adopt(new byte[0])).isSameAs(RawBytes.EMPTY);
        assertThat(RawBytes.copyOf(new byte[0])).isSameAs(RawBytes.EMPTY);
        assertThatThrownBy(() -> RawBytes.adopt(null)).isInstanceOf(NullPointerException.class);
    }
}
