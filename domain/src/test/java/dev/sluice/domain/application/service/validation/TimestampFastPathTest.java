package dev.sluice.domain.application.service.validation;

import dev.sluice.domain.model.envelope.Timestamps;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/** The validator's allocation-free timestamp check must accept exactly what {@link Timestamps} accepts. */
class TimestampFastPathTest {

    @Property(tries = 5000)
    void validatorAcceptsATimestampExactlyWhenTimestampsParsesIt(@ForAll("isoLike") String text) {
        assertThat(SchemaValidator.isTimestamp(text)).as(text).isEqualTo(Timestamps.parse(text).isPresent());
    }

    @Provide
    Arbitrary<String> isoLike() {
        Arbitrary<String> year = Arbitraries.integers().between(0, 9999).map(y -> String.format("%04d", y));
        Arbitrary<String> two = Arbitraries.integers().between(0, 62).map(n -> String.format("%02d", n));
        Arbitrary<String> fraction = Arbitraries.of("", ".1", ".123", ".123456789", ".1234567890", ".");
        Arbitrary<String> zone = Arbitraries.of("Z", "z", "+02:00", "-18:00", "+18:30", "+0200", "", "+24:00");
        Arbitrary<String> sep = Arbitraries.of("T", "t", " ");
        return Combinators.combine(year, two, two, sep, two, two, two, fraction).as(
                (y, mo, d, t, h, mi, s, f) -> y + "-" + mo + "-" + d + t + h + ":" + mi + ":" + s + f)
                .flatMap(base -> zone.map(z -> base + z));
    }
}
