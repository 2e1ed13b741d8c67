package dev.sluice.domain.application.service.validation;

import dev.sluice.domain.model.payload.ArrayValue;
import dev.sluice.domain.model.payload.NullValue;
import dev.sluice.domain.model.payload.NumberValue;
import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.model.payload.PayloadValue;
import dev.sluice.domain.model.schema.CompiledSchema;
import dev.sluice.domain.model.schema.Constraints;
import dev.sluice.domain.model.schema.Field;
import dev.sluice.domain.model.schema.FieldType;
import dev.sluice.domain.model.schema.Format;
import dev.sluice.domain.model.schema.Rule;
import dev.sluice.domain.model.schema.RulePredicate;
import dev.sluice.domain.model.schema.SchemaVersion;
import dev.sluice.domain.model.schema.Subject;
import dev.sluice.domain.model.validation.ValidationResult;
import dev.sluice.domain.model.validation.Violation;
import dev.sluice.domain.model.validation.ViolationCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class SchemaValidatorTest {

    private static final Subject SUBJECT = Subject.of("test", "event");

    private final SchemaValidator validator = new SchemaValidator();

    private static CompiledSchema schema(Field... fields) {
        return new CompiledSchema(0, SchemaVersion.of(SUBJECT, 1, List.of(fields)), Map.of());
    }

    private static CompiledSchema closedSchema(Field... fields) {
        return new CompiledSchema(0, SchemaVersion.of(SUBJECT, 1, List.of(fields)).withClosed(true), Map.of());
    }

    private static CompiledSchema withRules(SchemaVersion schema, Map<String, RulePredicate> predicates) {
        return new CompiledSchema(0, schema, predicates);
    }

    private static ObjectValue.Builder obj() {
        return ObjectValue.builder();
    }

    private static Field req(String path, FieldType type, Constraints c) {
        return Field.builder(path, type).required(true).constraints(c).build();
    }

    private List<Violation> violations(CompiledSchema schema, ObjectValue payload) {
        return validator.validate(schema, payload).violations();
    }

    @Test
    void validPayloadReturnsTheSharedValidResult() {
        CompiledSchema s = schema(Field.required("name", FieldType.STRING));

        assertThat(validator.validate(s, obj().put("name", "x").build())).isSameAs(ValidationResult.VALID);
    }

    @Test
    void absentRequiredFieldIsMissing() {
        CompiledSchema s = schema(Field.required("name", FieldType.STRING));

        assertThat(violations(s, ObjectValue.EMPTY)).extracting(Violation::code, Violation::path, Violation::message)
                .containsExactly(tuple(ViolationCode.MISSING_REQUIRED, "name", "Required field 'name' is missing"));
    }

    @Test
    void nullRequiredFieldIsMissingAndSaysNull() {
        CompiledSchema s = schema(Field.required("name", FieldType.STRING));

        assertThat(violations(s, obj().put("name", NullValue.INSTANCE).build()))
                .extracting(Violation::code, Violation::message)
                .containsExactly(tuple(ViolationCode.MISSING_REQUIRED, "Required field 'name' is null"));
    }

    @Test
    void absentOrNullOptionalFieldIsFineAndSkipsItsConstraints() {
        CompiledSchema s = schema(Field.builder("n", FieldType.LONG).constraints(Constraints.range(1, 2)).build());

        assertThat(validator.validate(s, ObjectValue.EMPTY).isValid()).isTrue();
        assertThat(validator.validate(s, obj().put("n", NullValue.INSTANCE).build()).isValid()).isTrue();
    }

    @Test
    void aStringWhereALongIsExpectedIsTheWrongTypeAndTheMessageShowsTheValue() {
        CompiledSchema s = schema(Field.required("count", FieldType.LONG));

        assertThat(violations(s, obj().put("count", "12").build())).singleElement().satisfies(v -> {
            assertThat(v.code()).isEqualTo(ViolationCode.WRONG_TYPE);
            assertThat(v.message()).contains("'count'", "LONG", "'12'");
        });
    }

    @Test
    void longAcceptsIntegralNumbersThatFitAndRefusesFractionsAndHugeOnes() {
        CompiledSchema s = schema(Field.required("n", FieldType.LONG));

        assertThat(validator.validate(s, obj().put("n", 3.0).build()).isValid()).isTrue();
        assertThat(violations(s, obj().put("n", 3.5).build())).extracting(Violation::code)
                .containsExactly(ViolationCode.WRONG_TYPE);
        assertThat(violations(s, obj().put("n", NumberValue.of(new BigDecimal("1e30"))).build()))
                .extracting(Violation::code).containsExactly(ViolationCode.WRONG_TYPE);
    }

    @Test
    void doubleAcceptsAnyNumberButNotAString() {
        CompiledSchema s = schema(Field.required("d", FieldType.DOUBLE));

        assertThat(validator.validate(s, obj().put("d", 7L).build()).isValid()).isTrue();
        assertThat(validator.validate(s, obj().put("d", 7.25).build()).isValid()).isTrue();
        assertThat(violations(s, obj().put("d", "7.25").build())).extracting(Violation::code)
                .containsExactly(ViolationCode.WRONG_TYPE);
    }

    @Test
    void booleanMustBeABoolean() {
        CompiledSchema s = schema(Field.required("b", FieldType.BOOLEAN));

        assertThat(validator.validate(s, obj().put("b", true).build()).isValid()).isTrue();
        assertThat(violations(s, obj().put("b", "true").build())).extracting(Violation::code)
                .containsExactly(ViolationCode.WRONG_TYPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-08-11T14:30:45.123Z", "2025-08-11T16:30:45+02:00", "2025-08-11T14:30Z", "1754920000000"})
    void timestampAcceptsIsoWithOffsetAndEpochMillisText(String text) {
        CompiledSchema s = schema(Field.required("t", FieldType.TIMESTAMP));

        assertThat(validator.validate(s, obj().put("t", text).build()).isValid()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-08-11T14:30:45", "2025-02-30T00:00:00Z", "yesterday", "2025-08-11"})
    void timestampRefusesLocalTimesImpossibleDatesAndProse(String text) {
        CompiledSchema s = schema(Field.required("t", FieldType.TIMESTAMP));

        assertThat(violations(s, obj().put("t", text).build())).extracting(Violation::code)
                .containsExactly(ViolationCode.WRONG_TYPE);
    }

    @Test
    void timestampAcceptsEpochMillisAsANumber() {
        CompiledSchema s = schema(Field.required("t", FieldType.TIMESTAMP));

        assertThat(validator.validate(s, obj().put("t", 1_754_920_000_000L).build()).isValid()).isTrue();
        assertThat(violations(s, obj().put("t", true).build())).extracting(Violation::code)
                .containsExactly(ViolationCode.WRONG_TYPE);
    }

    @Test
    void dateMustBeARealCalendarDay() {
        CompiledSchema s = schema(Field.required("d", FieldType.DATE));

        assertThat(validator.validate(s, obj().put("d", "2024-02-29").build()).isValid()).isTrue();
        assertThat(violations(s, obj().put("d", "2025-02-29").build())).extracting(Violation::code)
                .containsExactly(ViolationCode.WRONG_TYPE);
        assertThat(violations(s, obj().put("d", "2025-8-1").build())).extracting(Violation::code)
                .containsExactly(ViolationCode.WRONG_TYPE);
    }

    @Test
    void uuidMustHaveTheCanonicalTextForm() {
        CompiledSchema s = schema(Field.required("u", FieldType.UUID));

        assertThat(validator.validate(s, obj().put("u", "123E4567-e89b-12d3-a456-426614174000").build()).isValid()).isTrue();
        assertThat(violations(s, obj().put("u", "123e4567e89b12d3a456426614174000").build())).extracting(Violation::code)
                .containsExactly(ViolationCode.WRONG_TYPE);
    }

    @Test
    void jsonAcceptsAnyValue() {
        CompiledSchema s = schema(Field.required("j", FieldType.JSON));

        for (PayloadValue v : List.of(PayloadValue.ofNullable("x"), NumberValue.of(1), ObjectValue.EMPTY, ArrayValue.EMPTY)) {
            assertThat(validator.validate(s, obj().put("j", v).build()).isValid()).as(v.toString()).isTrue();
        }
    }

    @Test
    void stringOutsideTheEnumIsReportedWithTheAllowedValues() {
        CompiledSchema s = schema(req("quality", FieldType.STRING, Constraints.enumOf("SD", "HD", "4K")));

        assertThat(violations(s, obj().put("quality", "8K").build())).extracting(Violation::code, Violation::message)
                .containsExactly(tuple(ViolationCode.NOT_IN_ENUM, "Field 'quality' is '8K', not one of [SD, HD, 4K]"));
    }

    @Test
    void numberOutsideANumericEnumIsReported() {
        CompiledSchema s = schema(req("level", FieldType.LONG, Constraints.enumOf("1", "2", "3")));

        assertThat(validator.validate(s, obj().put("level", 2L).build()).isValid()).isTrue();
        assertThat(violations(s, obj().put("level", 4L).build())).extracting(Violation::code)
                .containsExactly(ViolationCode.NOT_IN_ENUM);
    }

    @ParameterizedTest
    @ValueSource(strings = {"EVENT_[0-9a-f]{8}", "([A-Z]+)_[0-9a-f]{8}"})
    void stringNotMatchingThePatternIsReportedWhetherThePatternIsSimpleOrNot(String regex) {
        CompiledSchema s = schema(req("id", FieldType.STRING, Constraints.pattern(regex)));

        assertThat(validator.validate(s, obj().put("id", "EVENT_a1b2c3d4").build()).isValid()).isTrue();
        assertThat(violations(s, obj().put("id", "EVENT_a1b2c3d4x").build()))
                .extracting(Violation::code, Violation::message)
                .containsExactly(tuple(ViolationCode.PATTERN_MISMATCH,
                        "Field 'id' is 'EVENT_a1b2c3d4x', which does not match /" + regex + "/"));
    }

    @Test
    void stringWithoutItsFormatIsReported() {
        CompiledSchema s = schema(req("ip", FieldType.STRING, Constraints.format(Format.IPV4)));

        assertThat(violations(s, obj().put("ip", "256.1.1.1").build())).extracting(Violation::code, Violation::message)
                .containsExactly(tuple(ViolationCode.FORMAT_MISMATCH, "Field 'ip' is '256.1.1.1', not a valid IPV4"));
    }

    @Test
    void numbersBelowTheMinimumOrAboveTheMaximumAreReportedWithTheBound() {
        CompiledSchema s = schema(req("pct", FieldType.DOUBLE, Constraints.range(0, 100)));

        assertThat(violations(s, obj().put("pct", -0.5).build())).extracting(Violation::code, Violation::message)
                .containsExactly(tuple(ViolationCode.BELOW_MINIMUM, "Field 'pct' is -0.5, below the minimum 0"));
        assertThat(violations(s, obj().put("pct", 100.01).build())).extracting(Violation::code, Violation::message)
                .containsExactly(tuple(ViolationCode.ABOVE_MAXIMUM, "Field 'pct' is 100.01, above the maximum 100"));
        assertThat(validator.validate(s, obj().put("pct", 100L).build()).isValid()).isTrue();
    }

    @Test
    void stringLengthIsCountedInCodePoints() {
        CompiledSchema s = schema(req("name", FieldType.STRING, Constraints.NONE.withLength(2, 3)));

        assertThat(validator.validate(s, obj().put("name", "\uD83D\uDE00\uD83D\uDE00").build()).isValid()).isTrue();
        assertThat(violations(s, obj().put("name", "a").build())).extracting(Violation::code)
                .containsExactly(ViolationCode.TOO_SHORT);
        assertThat(violations(s, obj().put("name", "abcd").build())).extracting(Violation::code, Violation::message)
                .containsExactly(tuple(ViolationCode.TOO_LONG, "Field 'name' has length 4, more than the maximum 3"));
    }

    @Test
    void listSizeBoundsApplyToTheList() {
        Field tags = Field.builder("tags", FieldType.LIST).required(true).constraints(Constraints.NONE.withLength(1, 2))
                .element(Field.optional("tags[]", FieldType.STRING)).build();
        CompiledSchema s = schema(tags);

        assertThat(violations(s, obj().put("tags", ArrayValue.EMPTY).build())).extracting(Violation::code)
                .containsExactly(ViolationCode.TOO_SHORT);
    }

    @Test
    void everyBrokenConstraintOfOneValueIsReported() {
        CompiledSchema s = schema(req("code", FieldType.STRING,
                Constraints.enumOf("AB", "CD").withPattern("[A-Z]{2}").withLength(2, 2)));

        assertThat(violations(s, obj().put("code", "xyz").build())).extracting(Violation::code)
                .containsExactly(ViolationCode.NOT_IN_ENUM, ViolationCode.PATTERN_MISMATCH, ViolationCode.TOO_LONG);
    }

    @Test
    void nestedStructViolationsCarryTheDottedPath() {
        Field device = Field.builder("device", FieldType.STRUCT).required(true).children(List.of(
                Field.required("device.os", FieldType.STRING),
                Field.required("device.model", FieldType.STRING))).build();
        CompiledSchema s = schema(device);

        ObjectValue payload = obj().put("device", obj().put("os", 5L).build()).build();

        assertThat(violations(s, payload)).extracting(Violation::code, Violation::path).containsExactly(
                tuple(ViolationCode.WRONG_TYPE, "device.os"), tuple(ViolationCode.MISSING_REQUIRED, "device.model"));
    }

    @Test
    void listElementViolationsCarryTheIndexPath() {
        Field item = Field.builder("items[]", FieldType.STRUCT).children(List.of(
                Field.required("items[].id", FieldType.LONG))).build();
        CompiledSchema s = schema(Field.builder("items", FieldType.LIST).required(true).element(item).build());

        ObjectValue ok = obj().put("id", 1L).build();
        ObjectValue bad = obj().put("id", "x").build();
        ObjectValue payload = obj().put("items", new ArrayValue(List.of(ok, ok, ok, bad))).build();

        assertThat(violations(s, payload)).extracting(Violation::code, Violation::path)
                .containsExactly(tuple(ViolationCode.WRONG_TYPE, "items[3].id"));
    }

    @Test
    void nullListElementsAreRefusedOnlyWhenElementsAreRequired() {
        Field strict = Field.builder("xs", FieldType.LIST).required(true)
                .element(Field.required("xs[]", FieldType.LONG)).build();
        Field lenient = Field.builder("ys", FieldType.LIST).required(true)
                .element(Field.optional("ys[]", FieldType.LONG)).build();
        CompiledSchema s = schema(strict, lenient);
        ArrayValue withNull = new ArrayValue(List.of(NumberValue.of(1), NullValue.INSTANCE));

        assertThat(violations(s, obj().put("xs", withNull).put("ys", withNull).build()))
                .extracting(Violation::code, Violation::path)
                .containsExactly(tuple(ViolationCode.MISSING_REQUIRED, "xs[1]"));
    }

    @Test
    void mapValuesAreCheckedAndReportedUnderTheirKey() {
        Field scores = Field.builder("scores", FieldType.MAP).required(true)
                .element(Field.builder("scores{}", FieldType.DOUBLE).constraints(Constraints.range(0, 1)).build()).build();
        CompiledSchema s = schema(scores);

        ObjectValue payload = obj().put("scores", obj().put("a", 0.5).put("b", 1.5).put("c", "x").build()).build();

        assertThat(violations(s, payload)).extracting(Violation::code, Violation::path).containsExactly(
                tuple(ViolationCode.ABOVE_MAXIMUM, "scores{b}"), tuple(ViolationCode.WRONG_TYPE, "scores{c}"));
    }

    @Test
    void closedSchemaReportsEachUnlistedMember() {
        CompiledSchema s = closedSchema(Field.required("a", FieldType.STRING));

        assertThat(violations(s, obj().put("a", "x").put("b", 1L).put("c", 2L).build()))
                .extracting(Violation::code, Violation::path)
                .containsExactly(tuple(ViolationCode.UNKNOWN_FIELD, "b"), tuple(ViolationCode.UNKNOWN_FIELD, "c"));
    }

    @Test
    void closedStructReportsUnlistedMembersWithTheirPath() {
        Field device = Field.builder("device", FieldType.STRUCT).children(List.of(
                Field.optional("device.os", FieldType.STRING))).closed(true).build();
        CompiledSchema s = schema(device);

        assertThat(violations(s, obj().put("device", obj().put("os", "iOS").put("jailbroken", true).build()).build()))
                .extracting(Violation::code, Violation::path)
                .containsExactly(tuple(ViolationCode.UNKNOWN_FIELD, "device.jailbroken"));
    }

    @Test
    void openSchemaAcceptsUnlistedMembers() {
        CompiledSchema s = schema(Field.required("a", FieldType.STRING));

        assertThat(validator.validate(s, obj().put("a", "x").put("b", 1L).build()).isValid()).isTrue();
    }

    @Test
    void closedSchemaCountsAPresentNullAsListed() {
        CompiledSchema s = closedSchema(Field.optional("a", FieldType.STRING));

        assertThat(validator.validate(s, obj().put("a", NullValue.INSTANCE).build()).isValid()).isTrue();
    }

    @Test
    void ruleThatEvaluatesToFalseIsViolatedAtItsId() {
        SchemaVersion v = SchemaVersion.of(SUBJECT, 1, List.of(Field.required("n", FieldType.LONG)))
                .withRules(List.of(Rule.cel("positive", "n must be positive", "n > 0")));
        CompiledSchema s = withRules(v, Map.of("positive", p -> ((NumberValue) p.getOrNull("n")).asLong() > 0));

        assertThat(violations(s, obj().put("n", -1L).build())).extracting(Violation::code, Violation::path, Violation::message)
                .containsExactly(tuple(ViolationCode.RULE_VIOLATED, "positive",
                        "Rule 'positive' is violated: n must be positive (n > 0)"));
    }

    @Test
    void ruleThatThrowsIsARuleErrorAndDoesNotPropagate() {
        SchemaVersion v = SchemaVersion.of(SUBJECT, 1, List.of())
                .withRules(List.of(Rule.cel("boom", "never", "x.y"), Rule.cel("fine", "ok", "true")));
        CompiledSchema s = withRules(v, Map.of(
                "boom", p -> { throw new IllegalStateException("no such key: x"); },
                "fine", p -> false));

        assertThat(violations(s, ObjectValue.EMPTY)).extracting(Violation::code, Violation::path).containsExactly(
                tuple(ViolationCode.RULE_ERROR, "boom"), tuple(ViolationCode.RULE_VIOLATED, "fine"));
        assertThat(violations(s, ObjectValue.EMPTY).getFirst().message())
                .isEqualTo("Rule 'boom' could not be evaluated (x.y): IllegalStateException: no such key: x");
    }

    @Test
    void rulesAreEvaluatedEvenWhenTheStructureIsInvalidAndComeAfterStructuralViolations() {
        SchemaVersion v = SchemaVersion.of(SUBJECT, 1, List.of(Field.required("a", FieldType.STRING)))
                .withRules(List.of(Rule.cel("r", "m", "false")));
        CompiledSchema s = withRules(v, Map.of("r", p -> false));

        ValidationResult result = validator.validate(s, ObjectValue.EMPTY);

        assertThat(result.violations()).extracting(Violation::code)
                .containsExactly(ViolationCode.MISSING_REQUIRED, ViolationCode.RULE_VIOLATED);
        assertThat(result.onlyRuleViolations()).isFalse();
    }

    @Test
    void stopsAtMaxViolationsAndSaysItTruncated() {
        Field[] fields = new Field[5];
        for (int i = 0; i < 5; i++) {
            fields[i] = Field.required("f" + i, FieldType.STRING);
        }
        CompiledSchema s = schema(fields);

        ValidationResult result = new SchemaValidator(3).validate(s, ObjectValue.EMPTY);

        assertThat(result.violations()).extracting(Violation::path).containsExactly("f0", "f1", "f2");
        assertThat(result.truncated()).isTrue();
    }

    @Test
    void exactlyMaxViolationsIsNotTruncated() {
        CompiledSchema s = schema(Field.required("a", FieldType.STRING), Field.required("b", FieldType.STRING));

        ValidationResult result = new SchemaValidator(2).validate(s, ObjectValue.EMPTY);

        assertThat(result.violations()).hasSize(2);
        assertThat(result.truncated()).isFalse();
    }

    @Test
    void rulesAfterTheTruncationPointAreNotEvaluated() {
        AtomicInteger secondRuleCalls = new AtomicInteger();
        SchemaVersion v = SchemaVersion.of(SUBJECT, 1, List.of(Field.required("a", FieldType.STRING)))
                .withRules(List.of(Rule.cel("r1", "m", "x"), Rule.cel("r2", "m", "y")));
        Map<String, RulePredicate> predicates = new LinkedHashMap<>();
        predicates.put("r1", p -> false);
        predicates.put("r2", p -> {
            secondRuleCalls.incrementAndGet();
            return false;
        });

        ValidationResult result = new SchemaValidator(1).validate(withRules(v, predicates), ObjectValue.EMPTY);

        assertThat(result.violations()).extracting(Violation::code).containsExactly(ViolationCode.MISSING_REQUIRED);
        assertThat(result.truncated()).isTrue();
        assertThat(secondRuleCalls).hasValue(0);
    }

    @Test
    void equalButDistinctSchemasAreValidatedWithTheirOwnPlans() {
        CompiledSchema longs = schema(Field.required("x", FieldType.LONG));
        CompiledSchema strings = schema(Field.required("x", FieldType.STRING));
        ObjectValue payload = obj().put("x", "text").build();

        assertThat(validator.validate(longs, payload).isValid()).isFalse();
        assertThat(validator.validate(strings, payload).isValid()).isTrue();
        assertThat(validator.validate(longs, payload).isValid()).isFalse();
    }

    @Test
    void refusesANonPositiveBound() {
        assertThatThrownBy(() -> new SchemaValidator(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxViolations must be at least 1, got 0");
    }
}
