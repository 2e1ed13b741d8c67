package dev.sluice.domain.application.service.validation;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class StringMatcherTest {

    private static final String[] SIMPLE = {
            "EVENT_[0-9A-Za-z]{8}", "CUST_[0-9a-f]{8}", "[A-Z][A-Z0-9_]{2,63}", "^ab\\.c[x-z]{0,3}$", "\\d{3}-\\d{4}",
            "[-a]{2}", "[a-]{1,2}", "a{0}b",
    };

    @ParameterizedTest
    @ValueSource(strings = {"EVENT_[0-9A-Za-z]{8}", "[A-Z][A-Z0-9_]{2,63}", "\\d{3}-\\d{4}", "[-a]{2}"})
    void idShapedPatternsCompileToTheAllocationFreeMatcher(String regex) {
        assertThat(StringMatcher.compile(regex)).isInstanceOf(StringMatcher.Simple.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[a-z]{2}(-[A-Z]{2})?", "a+b", "[^a]{3}", "a.c", "a{2,}", "[a-z]{1,3}x", "x|y", "é{2}"})
    void patternsBeyondTheSimpleSubsetFallBackToJavaRegex(String regex) {
        assertThat(StringMatcher.compile(regex)).isInstanceOf(StringMatcher.Regex.class);
    }

    @Property(tries = 3000)
    void simpleMatcherAgreesWithJavaRegex(@ForAll("patterns") String regex, @ForAll("candidates") String input) {
        StringMatcher.Simple simple = StringMatcher.Simple.tryParse(regex);

        assertThat(simple).as(regex).isNotNull();
        assertThat(simple.matches(input)).as("/%s/ on '%s'", regex, input)
                .isEqualTo(Pattern.compile(regex).matcher(input).matches());
    }

    @Provide
    Arbitrary<String> patterns() {
        return Arbitraries.of(SIMPLE);
    }

    @Provide
    Arbitrary<String> candidates() {
        Arbitrary<String> random = Arbitraries.strings().withChars("EVNTCUS_abcfxyzAZ09-.é5").ofMaxLength(12);
        Arbitrary<String> nearMiss = Arbitraries.strings().withChars("0123456789abcdefABCXYZ").ofLength(8)
                .map(s -> "EVENT_" + s);
        Arbitrary<String> codes = Arbitraries.strings().withChars("ABZ019_a").ofMinLength(1).ofMaxLength(70);
        Arbitrary<String> phone = Arbitraries.strings().withChars("0123456789-x").ofLength(8);
        return Arbitraries.oneOf(random, nearMiss, codes, phone);
    }
}
