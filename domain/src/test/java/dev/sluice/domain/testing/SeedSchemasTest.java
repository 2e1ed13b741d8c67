package dev.sluice.domain.testing;

import dev.sluice.domain.application.port.out.RuleCompiler.InvalidRuleException;
import dev.sluice.domain.application.service.validation.SchemaValidator;
import dev.sluice.domain.model.payload.ArrayValue;
import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.model.payload.PayloadValue;
import dev.sluice.domain.model.schema.CompiledSchema;
import dev.sluice.domain.model.schema.Field;
import dev.sluice.domain.model.schema.PiiClass;
import dev.sluice.domain.model.schema.Rule;
import dev.sluice.domain.model.schema.SchemaVersion;
import dev.sluice.domain.model.validation.ValidationResult;
import dev.sluice.domain.model.validation.Violation;
import dev.sluice.domain.model.validation.ViolationCode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class SeedSchemasTest {

    private final SchemaValidator validator = new SchemaValidator();

    private static ObjectValue.Builder with() {
        return ObjectValue.builder();
    }

    @Nested
    class AcmeVideo {

        private final CompiledSchema acme = TestRuleCompiler.compileAll(SeedSchemas.acmeVideo());

        @Test
        void hasAllTwentyFourFieldsOfSeed002WithOnlyStateOptional() {
            SchemaVersion schema = SeedSchemas.acmeVideo();
            assertThat(schema.fields()).hasSize(24);
            assertThat(schema.fields()).filteredOn(f -> !f.required()).extracting(Field::name).containsExactly("state");
            assertThat(schema.rules()).hasSize(4);
        }

        @Test
        void classesCustomerDeviceAndIpAsPii() {
            SchemaVersion schema = SeedSchemas.acmeVideo();
            assertThat(schema.fields()).filteredOn(f -> f.pii() != PiiClass.NONE).extracting(Field::name, Field::pii)
                    .containsExactlyInAnyOrder(tuple("customer_id", PiiClass.LOW), tuple("device_id", PiiClass.LOW),
                            tuple("ip_address", PiiClass.HIGH));
        }

        @Test
        void seedSampleRecordIsValid() {
            assertThat(validator.validate(acme, SeedSchemas.acmeSampleRecord())).isSameAs(ValidationResult.VALID);
        }

        @Test
        void startEventWithWatchTimeBreaksTheStartRule() {
            ObjectValue record = SeedSchemas.acmeSampleWith(with()
                    .put("event_type", "start").put("watch_duration_seconds", 120L).build());

            assertThat(validator.validate(acme, record).violations()).extracting(Violation::code, Violation::path)
                    .containsExactly(tuple(ViolationCode.RULE_VIOLATED, SeedSchemas.RULE_START_HAS_NO_WATCH_TIME));
        }

        @Test
        void bufferingTimeWithoutBufferingEventsBreaksTheBufferingRule() {
            ObjectValue record = SeedSchemas.acmeSampleWith(with().put("event_type", "stop")
                    .put("watch_duration_seconds", 600L).put("buffering_events", 0L)
                    .put("buffering_duration_seconds", 12L).build());

            assertThat(validator.validate(acme, record).violations()).extracting(Violation::code, Violation::path)
                    .containsExactly(tuple(ViolationCode.RULE_VIOLATED, SeedSchemas.RULE_NO_BUFFERING_NO_BUFFER_TIME));
        }

        @Test
        void fourKWithLowBandwidthBreaksTheBandwidthRule() {
            ObjectValue record = SeedSchemas.acmeSampleWith(with().put("quality", "4K").put("bandwidth_mbps", 14.9).build());

            assertThat(validator.validate(acme, record).violations()).extracting(Violation::code, Violation::path)
                    .containsExactly(tuple(ViolationCode.RULE_VIOLATED, SeedSchemas.RULE_4K_NEEDS_BANDWIDTH));
        }

        @Test
        void fourKWithExactlyFifteenMbpsIsValid() {
            ObjectValue record = SeedSchemas.acmeSampleWith(with().put("quality", "4K").put("bandwidth_mbps", 15.0).build());

            assertThat(validator.validate(acme, record).isValid()).isTrue();
        }

        @Test
        void moreBufferingThanWatchTimeBreaksTheWatchTimeRule() {
            ObjectValue record = SeedSchemas.acmeSampleWith(with().put("event_type", "stop")
                    .put("watch_duration_seconds", 30L).put("buffering_events", 3L)
                    .put("buffering_duration_seconds", 45L).build());

            assertThat(validator.validate(acme, record).violations()).extracting(Violation::code, Violation::path)
                    .containsExactly(tuple(ViolationCode.RULE_VIOLATED, SeedSchemas.RULE_BUFFERING_WITHIN_WATCH_TIME));
        }

        @Test
        void idNotOfTheAcmeShapeIsRefused() {
            ObjectValue record = SeedSchemas.acmeSampleWith(with().put("customer_id", "CUSTOMER_5e6f7g8h").build());

            assertThat(validator.validate(acme, record).violations()).extracting(Violation::code, Violation::path)
                    .containsExactly(tuple(ViolationCode.PATTERN_MISMATCH, "customer_id"));
        }

        @Test
        void anUnlistedMemberIsRefusedBecauseTheSchemaIsClosed() {
            ObjectValue record = SeedSchemas.acmeSampleWith(with().put("referrer", "ads").build());

            assertThat(validator.validate(acme, record).violations()).extracting(Violation::code, Violation::path)
                    .containsExactly(tuple(ViolationCode.UNKNOWN_FIELD, "referrer"));
        }
    }

    @Nested
    class Recommendations {

        static final String REQUEST_ID = "3f2b8c1e-9d4a-4b7e-a1c2-5e6f7a8b9c0d";
        static final String USER_ID = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        static final long TIMESTAMP_MS = 1_754_920_000_000L;

        static ObjectValue validRequest() {
            return with().put("request_id", REQUEST_ID).put("user_id", USER_ID).put("timestamp_ms", TIMESTAMP_MS)
                    .put("experiment_id", "exp_2025_09_alpha").put("bucket", "treatment").put("k", 10L)
                    .put("surface", "home").put("locale", "en-US").put("device_type", "web")
                    .put("filters", with().put("genre", "drama").build()).build();
        }

        static ObjectValue withMember(ObjectValue base, String name, PayloadValue value) {
            ObjectValue.Builder b = ObjectValue.builder();
            base.members().forEach(b::put);
            return b.put(name, value).build();
        }

        private ValidationResult validateRequest(ObjectValue record) {
            return validator.validate(TestRuleCompiler.compileAll(SeedSchemas.recsysRequest()), record);
        }

        @Test
        void aWellFormedRequestIsValid() {
            assertThat(validateRequest(validRequest())).isSameAs(ValidationResult.VALID);
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "3f2b8c1e-9d4a-1b7e-a1c2-5e6f7a8b9c0d", // version 1
                "3f2b8c1e-9d4a-4b7e-c1c2-5e6f7a8b9c0d", // variant not RFC 4122
        })
        void requestIdThatIsAUuidButNotVersion4IsRefused(String requestId) {
            ObjectValue record = withMember(validRequest(), "request_id", PayloadValue.ofNullable(requestId));

            assertThat(validateRequest(record).violations()).extracting(Violation::code, Violation::path)
                    .containsExactly(tuple(ViolationCode.FORMAT_MISMATCH, "request_id"));
        }

        @Test
        void requestIdThatIsNotAUuidIsTheWrongType() {
            ObjectValue record = withMember(validRequest(), "request_id", PayloadValue.ofNullable("req-42"));

            assertThat(validateRequest(record).violations()).extracting(Violation::code, Violation::path)
                    .containsExactly(tuple(ViolationCode.WRONG_TYPE, "request_id"));
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0", // 63 digits
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0g", // a 'g'
                "user-1234",                                                       // a raw id, not hashed
        })
        void userIdThatIsNot64HexDigitsIsRefused(String userId) {
            ObjectValue record = withMember(validRequest(), "user_id", PayloadValue.ofNullable(userId));

            assertThat(validateRequest(record).violations()).extracting(Violation::code, Violation::path)
                    .containsExactly(tuple(ViolationCode.FORMAT_MISMATCH, "user_id"));
        }

        @Test
        void timestampInSecondsInsteadOfMillisIsRefused() {
            ObjectValue record = withMember(validRequest(), "timestamp_ms",
                    dev.sluice.domain.model.payload.NumberValue.of(1_754_920_000L));

            assertThat(validateRequest(record).violations()).extracting(Violation::code, Violation::path)
                    .containsExactly(tuple(ViolationCode.WRONG_TYPE, "timestamp_ms"));
        }

        @Test
        void negativeTimestampIsRefused() {
            ObjectValue record = withMember(validRequest(), "timestamp_ms",
                    dev.sluice.domain.model.payload.NumberValue.of(-1L));

            assertThat(validateRequest(record).violations()).extracting(Violation::code)
                    .containsExactly(ViolationCode.WRONG_TYPE);
        }

        @Test
        void bucketOutsideItsEnumIsRefused() {
            ObjectValue record = withMember(validRequest(), "bucket", PayloadValue.ofNullable("treatment_z"));

            assertThat(validateRequest(record).violations()).extracting(Violation::code, Violation::path)
                    .containsExactly(tuple(ViolationCode.NOT_IN_ENUM, "bucket"));
        }

        @Test
        void clickWithAnUnknownEngagementTypeIsRefused() {
            ObjectValue click = with().put("request_id", REQUEST_ID).put("user_id", USER_ID).put("session_id", USER_ID)
                    .put("timestamp_ms", TIMESTAMP_MS).put("canonical_id", "item-77").put("position", 3L)
                    .put("engagement_type", "like").put("device_type", "tv").build();

            ValidationResult result = validator.validate(TestRuleCompiler.compileAll(SeedSchemas.recsysClick()), click);

            assertThat(result.violations()).extracting(Violation::code, Violation::path)
                    .containsExactly(tuple(ViolationCode.NOT_IN_ENUM, "engagement_type"));
        }

        @Test
        void rankingWithMoreItemsThanRequestedBreaksItsRule() {
            ObjectValue item = with().put("canonical_id", "item-1").put("position", 1L).put("score", 0.9).build();
            ObjectValue ranking = with().put("request_id", REQUEST_ID).put("user_id", USER_ID)
                    .put("timestamp_ms", TIMESTAMP_MS).put("experiment_id", "exp1").put("bucket", "control")
                    .put("algorithm", "hybrid").put("alpha", 0.3).put("latency_ms", 42L).put("coverage", 0.8)
                    .put("k", 1L).put("items", new ArrayValue(List.of(item, item))).build();
            CompiledSchema schema = TestRuleCompiler.compileAll(SeedSchemas.recsysRanking());

            assertThat(validator.validate(schema, ranking).violations()).extracting(Violation::code, Violation::path)
                    .containsExactly(tuple(ViolationCode.RULE_VIOLATED, SeedSchemas.RULE_RANKING_AT_MOST_K_ITEMS));
            assertThat(validator.validate(schema, withMember(ranking, "k", dev.sluice.domain.model.payload.NumberValue.of(2L))))
                    .isSameAs(ValidationResult.VALID);
        }

        @Test
        void errorEventNeedsNoUserAndIsValidWithoutOne() {
            ObjectValue error = with().put("timestamp_ms", "2025-09-07T10:00:00Z").put("component", "ranker")
                    .put("severity", "critical").put("error_code", "RANKER_TIMEOUT").put("message", "timed out").build();

            assertThat(validator.validate(TestRuleCompiler.compileAll(SeedSchemas.recsysError()), error))
                    .isSameAs(ValidationResult.VALID);
        }

        @Test
        void everyRecommendationSchemaIsClosedAndCompiles() {
            for (SchemaVersion s : List.of(SeedSchemas.recsysRequest(), SeedSchemas.recsysRanking(),
                    SeedSchemas.recsysImpression(), SeedSchemas.recsysClick(), SeedSchemas.recsysError())) {
                assertThat(s.closed()).as(s.subject().name()).isTrue();
                assertThat(TestRuleCompiler.compileAll(s).predicates()).hasSameSizeAs(s.rules());
            }
        }
    }

    @Test
    void theTestCompilerRefusesAnExpressionItDoesNotKnow() {
        Rule unknown = Rule.cel("mystery", "?", "size(x) > 3");

        assertThatThrownBy(() -> new TestRuleCompiler().compile(unknown, SeedSchemas.acmeVideo()))
                .isInstanceOf(InvalidRuleException.class)
                .hasMessageContaining("mystery").hasMessageContaining("size(x) > 3");
    }

    @Test
    void theTestCompilerRefusesAnotherLanguage() {
        Rule jsonLogic = new Rule("r", "?", "quality != '4K' || bandwidth_mbps >= 15.0", "jsonlogic");

        assertThatThrownBy(() -> new TestRuleCompiler().compile(jsonLogic, SeedSchemas.acmeVideo()))
                .isInstanceOf(InvalidRuleException.class).hasMessageContaining("jsonlogic");
    }
}
