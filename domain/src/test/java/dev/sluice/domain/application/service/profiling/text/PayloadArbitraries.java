package dev.sluice.domain.application.service.profiling.text;

import dev.sluice.domain.model.payload.ArrayValue;
import dev.sluice.domain.model.payload.BooleanValue;
import dev.sluice.domain.model.payload.NullValue;
import dev.sluice.domain.model.payload.NumberValue;
import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.model.payload.PayloadValue;
import dev.sluice.domain.model.payload.StringValue;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;

/** Generators of payload trees for property tests. */
public final class PayloadArbitraries {

    private PayloadArbitraries() {
    }

    /** Any Unicode text, supplementary characters included, lone surrogates excluded. */
    public static Arbitrary<String> text() {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(0x20, 0x7E)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 0x1F)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of((int) '"', (int) '\\', (int) '/')),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x80, 0xD7FF)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0xE000, 0x10FFFF)));
        return codePoint.list().ofMaxSize(12).map(cps -> {
            StringBuilder sb = new StringBuilder();
            cps.forEach(sb::appendCodePoint);
            return sb.toString();
        });
    }

    public static Arbitrary<NumberValue> numbers() {
        Arbitrary<NumberValue> longs = Arbitraries.longs().map(NumberValue::of);
        Arbitrary<NumberValue> doubles = Arbitraries.doubles().ofScale(6).between(-1e12, 1e12).map(NumberValue::of);
        Arbitrary<NumberValue> anyDoubles = Arbitraries.longs().map(Double::longBitsToDouble)
                .filter(Double::isFinite).map(NumberValue::of);
        Arbitrary<NumberValue> bigIntegers = Arbitraries.bigIntegers()
                .between(BigInteger.TEN.pow(19), BigInteger.TEN.pow(30))
                .map(b -> NumberValue.of(new BigDecimal(b)));
        Arbitrary<NumberValue> bigDecimals = Arbitraries.bigIntegers()
                .between(BigInteger.TEN.pow(18), BigInteger.TEN.pow(25))
                .flatMap(unscaled -> Arbitraries.integers().between(-5, 12)
                        .map(scale -> new NumberValue(new BigDecimal(unscaled, scale))))
                .filter(n -> !(n.value() instanceof BigDecimal b) || b.scale() > 0 || !n.fitsLong());
        return Arbitraries.oneOf(longs, doubles, anyDoubles, bigIntegers, bigDecimals);
    }

    public static Arbitrary<PayloadValue> scalars() {
        return Arbitraries.oneOf(
                text().map(StringValue::new),
                numbers().map(n -> n),
                Arbitraries.of(BooleanValue.TRUE, BooleanValue.FALSE, NullValue.INSTANCE));
    }

    /** Trees of at most {@code depth} levels. */
    public static Arbitrary<PayloadValue> values(int depth) {
        if (depth == 0) {
            return scalars();
        }
        Arbitrary<PayloadValue> child = values(depth - 1);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, scalars()),
                net.jqwik.api.Tuple.of(1, child.list().ofMaxSize(4).map(l -> (PayloadValue) new ArrayValue(l))),
                net.jqwik.api.Tuple.of(2, objects(child)));
    }

    private static Arbitrary<PayloadValue> objects(Arbitrary<PayloadValue> child) {
        return Arbitraries.maps(text(), child).ofMaxSize(5)
                .map(m -> (PayloadValue) new ObjectValue(new LinkedHashMap<>(m)));
    }

    /** Documents: objects of at most {@code depth} levels. */
    public static Arbitrary<ObjectValue> documents(int depth) {
        return Arbitraries.maps(text(), values(depth - 1)).ofMaxSize(6)
                .map(m -> new ObjectValue(new LinkedHashMap<>(m)));
    }

    static List<Boolean> flags() {
        return List.of(true, false);
    }
}
