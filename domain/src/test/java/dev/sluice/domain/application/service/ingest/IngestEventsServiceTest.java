package dev.sluice.domain.application.service.ingest;

import dev.sluice.domain.application.port.in.IncomingEvent;
import dev.sluice.domain.application.port.in.IngestEventsCommand;
import dev.sluice.domain.application.port.in.IngestOutcome;
import dev.sluice.domain.application.port.in.IngestResult;
import dev.sluice.domain.application.service.validation.SchemaValidator;
import dev.sluice.domain.model.dedup.ContentFingerprinter;
import dev.sluice.domain.model.dedup.DedupPolicy;
import dev.sluice.domain.model.envelope.EnvelopeV1Mapping;
import dev.sluice.domain.model.error.CommitFailedException;
import dev.sluice.domain.model.error.CommitStateUnknownException;
import dev.sluice.domain.model.ingest.DeadLetter;
import dev.sluice.domain.model.ingest.DeadLetterReason;
import dev.sluice.domain.model.ingest.HttpCoordinates;
import dev.sluice.domain.model.ingest.KafkaCoordinates;
import dev.sluice.domain.model.ingest.RawBytes;
import dev.sluice.domain.model.ingest.ReplayOverride;
import dev.sluice.domain.model.ingest.StoredEvent;
import dev.sluice.domain.model.ingest.TopicPartition;
import dev.sluice.domain.model.ingest.UnknownSubjectMode;
import dev.sluice.domain.model.ingest.UnknownSubjectPolicy;
import dev.sluice.domain.model.lateness.Lateness;
import dev.sluice.domain.model.lateness.LatenessWindows;
import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.model.payload.StringValue;
import dev.sluice.domain.model.pii.PiiKeyRing;
import dev.sluice.domain.model.pii.PiiPolicy;
import dev.sluice.domain.model.pii.Pseudonymiser;
import dev.sluice.domain.model.schema.Subject;
import dev.sluice.domain.testing.FixedClock;
import dev.sluice.domain.testing.InMemoryDeadLetterSink;
import dev.sluice.domain.testing.InMemoryEventLake;
import dev.sluice.domain.testing.InMemorySchemaCatalog;
import dev.sluice.domain.testing.InMemorySeenEventIndex;
import dev.sluice.domain.testing.SeedSchemas;
import dev.sluice.domain.testing.TelemetryEvents;
import dev.sluice.domain.testing.TestRuleCompiler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.sluice.domain.model.ingest.DeadLetterReason.CONFLICTING_DUPLICATE;
import static dev.sluice.domain.model.ingest.DeadLetterReason.FUTURE_TIMESTAMP;
import static dev.sluice.domain.model.ingest.DeadLetterReason.INVALID_ENVELOPE;
import static dev.sluice.domain.model.ingest.DeadLetterReason.NOT_JSON;
import static dev.sluice.domain.model.ingest.DeadLetterReason.OVERSIZED;
import static dev.sluice.domain.model.ingest.DeadLetterReason.RULE_VIOLATION;
import static dev.sluice.domain.model.ingest.DeadLetterReason.SCHEMA_VIOLATION;
import static dev.sluice.domain.model.ingest.DeadLetterReason.TOO_LATE;
import static dev.sluice.domain.model.ingest.DeadLetterReason.UNKNOWN_SUBJECT;
import static dev.sluice.domain.testing.TelemetryEvents.ACME_SAMPLE_TIME;
import static dev.sluice.domain.testing.TelemetryEvents.ACME_TOPIC;
import static dev.sluice.domain.testing.TelemetryEvents.RAW_TOPIC;
import static dev.sluice.domain.testing.TelemetryEvents.anAcmeRecordWith;
import static dev.sluice.domain.testing.TelemetryEvents.anAcmeStart;
import static dev.sluice.domain.testing.TelemetryEvents.fromAcmeTopic;
import static dev.sluice.domain.testing.TelemetryEvents.fromRawTopic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IngestEventsServiceTest {

    private static final Instant INGEST = Instant.parse("2025-08-11T14:31:00Z");
    private static final Instant DECIDED = Instant.parse("2025-08-11T14:31:02Z");
    private static final PiiKeyRing KEYS = PiiKeyRing.single("k2025",
            "secret-2025-0123456789abcdefghij".getBytes(StandardCharsets.UTF_8));

    private final InMemorySchemaCatalog catalog = new InMemorySchemaCatalog();
    private final InMemorySeenEventIndex seen = new InMemorySeenEventIndex(LatenessWindows.DEFAULT.dedupHorizon());
    private final InMemoryEventLake lake = new InMemoryEventLake();
    private final InMemoryDeadLetterSink deadLetters = new InMemoryDeadLetterSink();
    private IngestEventsService service;

    @BeforeEach
    void setUp() {
        catalog.register(TestRuleCompiler.compileAll(SeedSchemas.acmeVideo()));
        IngestPolicies policies = new IngestPolicies(LatenessWindows.DEFAULT, DedupPolicy.firstWins(),
                UnknownSubjectPolicy.perSource(Map.of("billing", UnknownSubjectMode.ENFORCE), UnknownSubjectMode.DISCOVER),
                new Pseudonymiser(KEYS, PiiPolicy.pseudonymiseLowAndHigh()),
                new ContentFingerprinter("fingerprint-secret-0123456789abc".getBytes(StandardCharsets.UTF_8)));
        service = new IngestEventsService(catalog, new SchemaValidator(), seen, lake, deadLetters,
                new FixedClock(DECIDED), policies);
    }

    private static ObjectValue acme(String eventId, Instant eventTime) {
        return anAcmeStart(eventId, eventTime);
    }

    private static ObjectValue acmeWith(String eventId, String member, Object value) {
        ObjectValue.Builder b = ObjectValue.builder().put("event_id", eventId);
        switch (value) {
            case String s -> b.put(member, s);
            case Long l -> b.put(member, l);
            case Double d -> b.put(member, d);
            default -> throw new IllegalArgumentException(String.valueOf(value));
        }
        return anAcmeRecordWith(b.build());
    }

    private static ObjectValue paymentEvent(String eventId, String source) {
        return TelemetryEvents.anEnvelopeEvent(eventId, source, "error", ACME_SAMPLE_TIME,
                ObjectValue.builder().put("code", "E42").build());
    }

    /** One item of every kind, in two ACME partitions and the raw topic. */
    private static List<IncomingEvent> mixedBatch(long firstOffset, Instant ingest) {
        long o = firstOffset;
        List<IncomingEvent> items = new ArrayList<>();
        items.add(fromAcmeTopic(acme("EVENT_00000001", ACME_SAMPLE_TIME), 0, o++, ingest));                       // 0 stored
        items.add(fromAcmeTopic(acme("EVENT_00000002", INGEST.minus(Duration.ofHours(3))), 1, o++, ingest));      // 1 stored, late
        items.add(fromAcmeTopic(acme("EVENT_00000001", ACME_SAMPLE_TIME), 0, o++, ingest));                       // 2 duplicate
        items.add(fromAcmeTopic(acmeWith("EVENT_00000001", "city", "San Diego"), 0, o++, ingest));                // 3 conflicting
        items.add(fromAcmeTopic(anAcmeRecordWith(ObjectValue.builder().put("event_id", "EVENT_00000004")
                .put("quality", "4K").put("bandwidth_mbps", 5.0).build()), 0, o++, ingest));                     // 4 rule
        items.add(fromAcmeTopic(acmeWith("EVENT_00000005", "device_type", "fridge"), 0, o++, ingest));            // 5 schema
        items.add(fromAcmeTopic(acme("EVENT_00000006", INGEST.minus(Duration.ofDays(3))), 1, o++, ingest));       // 6 too late
        items.add(fromAcmeTopic(acme("EVENT_00000007", INGEST.plus(Duration.ofHours(1))), 1, o++, ingest));       // 7 future
        items.add(TelemetryEvents.notJson(ACME_TOPIC, 0, o++, ingest));                                           // 8 not json
        items.add(fromAcmeTopic(anAcmeRecordWith(ObjectValue.builder().put("event_id", 1.5).build()), 0, o++, ingest)); // 9 envelope
        items.add(fromRawTopic(paymentEvent("pay-1", "payment-service"), 0, o++, ingest));                       // 10 discovered
        items.add(fromRawTopic(paymentEvent("bill-1", "billing"), 0, o++, ingest));                              // 11 unknown
        items.add(IncomingEvent.unparseable(OVERSIZED, "event of 1048577 bytes exceeds the limit of 1048576",
                RawBytes.utf8("{\"event_id\":\"big\""), new KafkaCoordinates(RAW_TOPIC, 0, o), ingest));          // 12 oversized
        return items;
    }

    @Test
    void aMixedBatchEndsWithExactlyOneOutcomePerItemInInputOrder() {
        IngestResult result = service.ingest(new IngestEventsCommand(mixedBatch(100, INGEST)));

        assertThat(result.size()).isEqualTo(13);
        assertThat(result.storedCount()).isEqualTo(3);
        assertThat(result.duplicateCount()).isEqualTo(1);
        assertThat(result.deadLetterCount()).isEqualTo(9);
        assertThat(result.storedCount() + result.duplicateCount() + result.deadLetterCount()).isEqualTo(13);
        assertThat(result.deadLettersByReason()).containsExactlyInAnyOrderEntriesOf(Map.of(
                CONFLICTING_DUPLICATE, 1L, RULE_VIOLATION, 1L, SCHEMA_VIOLATION, 1L, TOO_LATE, 1L,
                FUTURE_TIMESTAMP, 1L, NOT_JSON, 1L, INVALID_ENVELOPE, 1L, UNKNOWN_SUBJECT, 1L, OVERSIZED, 1L));
        assertThat(result.storedByLateness()).containsExactlyInAnyOrderEntriesOf(Map.of(Lateness.ON_TIME, 2L, Lateness.LATE, 1L));

        assertThat(result.get(0)).isEqualTo(new IngestOutcome.Stored("EVENT_00000001", "acme-telemetry", Lateness.ON_TIME,
                SeedSchemas.ACME_VIDEO, 1, "k2025"));
        assertThat(result.get(1)).isInstanceOfSatisfying(IngestOutcome.Stored.class,
                s -> assertThat(s.lateness()).isEqualTo(Lateness.LATE));
        assertThat(result.get(2)).isEqualTo(new IngestOutcome.Duplicate("EVENT_00000001", "acme-telemetry", INGEST));
        assertThat(reasons(result)).containsExactly(null, null, null, CONFLICTING_DUPLICATE, RULE_VIOLATION,
                SCHEMA_VIOLATION, TOO_LATE, FUTURE_TIMESTAMP, NOT_JSON, INVALID_ENVELOPE, null, UNKNOWN_SUBJECT, OVERSIZED);
        assertThat(result.get(10)).isEqualTo(new IngestOutcome.Stored("pay-1", "payment-service", Lateness.ON_TIME,
                Subject.of("payment-service", "error"), 0, null));
    }

    private static List<DeadLetterReason> reasons(IngestResult result) {
        return result.outcomes().stream()
                .map(o -> o instanceof IngestOutcome.DeadLettered d ? d.reason() : null).toList();
    }

    @Test
    void deadLettersSayPreciselyWhatIsWrong() {
        IngestResult result = service.ingest(new IngestEventsCommand(mixedBatch(100, INGEST)));

        assertThat(detail(result, 3)).contains("EVENT_00000001").contains("fingerprint");
        assertThat(detail(result, 4)).contains(SeedSchemas.RULE_4K_NEEDS_BANDWIDTH);
        assertThat(detail(result, 5)).contains("device_type").contains("fridge");
        assertThat(detail(result, 6)).contains("PT72H").contains("late window");
        assertThat(detail(result, 7)).contains("PT1H after").contains("future skew");
        assertThat(detail(result, 9)).startsWith("event_id: ");
        assertThat(detail(result, 11)).contains("billing.error");
    }

    private static String detail(IngestResult result, int index) {
        return ((IngestOutcome.DeadLettered) result.get(index)).detail();
    }

    @Test
    void theLakeGetsTheStoredEventsPseudonymisedInInputOrderWithThePositionsAfterTheBatch() {
        service.ingest(new IngestEventsCommand(mixedBatch(100, INGEST)));

        List<StoredEvent> stored = lake.committedEvents();
        assertThat(stored).extracting(e -> e.envelope().eventId()).containsExactly("EVENT_00000001", "EVENT_00000002", "pay-1");
        StoredEvent first = stored.getFirst();
        assertThat(first.envelope().payload().getOrNull("customer_id"))
                .isEqualTo(new StringValue(KEYS.pseudonym("CUST_5e6f7g8h")));
        assertThat(first.envelope().payload().getOrNull("ip_address"))
                .isEqualTo(new StringValue(KEYS.pseudonym("192.168.1.100")));
        assertThat(first.piiKeyId()).isEqualTo("k2025");
        assertThat(first.envelope().ingestTimestamp()).isEqualTo(INGEST);
        assertThat(stored.get(2).validated()).isFalse();
        assertThat(lake.commits()).isEqualTo(1);
        assertThat(lake.committedPositions().nextOffsets()).containsExactlyInAnyOrderEntriesOf(Map.of(
                new TopicPartition(ACME_TOPIC, 0), 110L,
                new TopicPartition(ACME_TOPIC, 1), 108L,
                new TopicPartition(RAW_TOPIC, 0), 113L));
    }

    @Test
    void deadLettersKeepTheOriginalBytesCoordinatesAndTimes() {
        List<IncomingEvent> batch = mixedBatch(100, INGEST);
        service.ingest(new IngestEventsCommand(batch));

        assertThat(deadLetters.all()).hasSize(9);
        DeadLetter schemaViolation = deadLetters.all().stream()
                .filter(d -> d.reason() == SCHEMA_VIOLATION).findFirst().orElseThrow();
        assertThat(schemaViolation.originalBytes()).isEqualTo(batch.get(5).originalBytes());
        assertThat(schemaViolation.channel()).isEqualTo(new KafkaCoordinates(ACME_TOPIC, 0, 105));
        assertThat(schemaViolation.receivedAt()).isEqualTo(INGEST);
        assertThat(schemaViolation.deadLetteredAt()).isEqualTo(DECIDED);
        assertThat(schemaViolation.eventId()).isEqualTo("EVENT_00000005");
        assertThat(schemaViolation.source()).isEqualTo("acme-telemetry");
    }

    @Test
    void replayingTheStoredEventsYieldsOnlyDuplicates() {
        List<IncomingEvent> valid = List.of(
                fromAcmeTopic(acme("EVENT_0000000a", ACME_SAMPLE_TIME), 0, 0, INGEST),
                fromAcmeTopic(acme("EVENT_0000000b", ACME_SAMPLE_TIME), 0, 1, INGEST),
                fromRawTopic(paymentEvent("pay-1", "payment-service"), 0, 0, INGEST));
        service.ingest(new IngestEventsCommand(valid));
        Instant replayTime = INGEST.plus(Duration.ofHours(1));
        List<IncomingEvent> replay = List.of(
                fromAcmeTopic(acme("EVENT_0000000a", ACME_SAMPLE_TIME), 0, 50, replayTime),
                fromAcmeTopic(acme("EVENT_0000000b", ACME_SAMPLE_TIME), 0, 51, replayTime),
                fromRawTopic(paymentEvent("pay-1", "payment-service"), 0, 7, replayTime));

        IngestResult result = service.ingest(new IngestEventsCommand(replay));

        assertThat(result.outcomes()).containsExactly(
                new IngestOutcome.Duplicate("EVENT_0000000a", "acme-telemetry", INGEST),
                new IngestOutcome.Duplicate("EVENT_0000000b", "acme-telemetry", INGEST),
                new IngestOutcome.Duplicate("pay-1", "payment-service", INGEST));
        assertThat(lake.committedEvents()).hasSize(3);
        assertThat(lake.committedPositions().nextOffset(new TopicPartition(ACME_TOPIC, 0))).contains(52L);
        assertThat(deadLetters.all()).isEmpty();
    }

    @Test
    void replayingTheMixedBatchGivesDuplicatesForStoredEventsAndTheSameDeadLetters() {
        IngestResult first = service.ingest(new IngestEventsCommand(mixedBatch(100, INGEST)));

        IngestResult replay = service.ingest(new IngestEventsCommand(mixedBatch(200, INGEST.plusSeconds(30))));

        assertThat(replay.storedCount()).isZero();
        assertThat(replay.duplicateCount()).isEqualTo(4);
        assertThat(replay.deadLettersByReason()).isEqualTo(first.deadLettersByReason());
        assertThat(lake.committedEvents()).hasSize(3);
        assertThat(deadLetters.all()).hasSize(18);
    }

    @Test
    void aFailedCommitStoresNothingRemembersNothingAndTheRetryDecidesTheSame() {
        IngestEventsCommand command = new IngestEventsCommand(mixedBatch(100, INGEST));
        lake.failNextCommit(InMemoryEventLake.Failure.FAILED);

        assertThatThrownBy(() -> service.ingest(command)).isInstanceOf(CommitFailedException.class);
        assertThat(lake.committedEvents()).isEmpty();
        assertThat(seen.rememberCalls()).isZero();
        assertThat(deadLetters.all()).hasSize(9);

        IngestResult retry = service.ingest(command);

        assertThat(retry.storedCount()).isEqualTo(3);
        assertThat(retry.duplicateCount()).isEqualTo(1);
        assertThat(retry.deadLetterCount()).isEqualTo(9);
        assertThat(lake.committedEvents()).hasSize(3);
        assertThat(deadLetters.all()).hasSize(9);
    }

    @Test
    void aBatchThatWasCommittedDespiteAnUnknownCommitStateIsNeverCommittedTwice() {
        IngestEventsCommand command = new IngestEventsCommand(mixedBatch(100, INGEST));
        lake.failNextCommit(InMemoryEventLake.Failure.STATE_UNKNOWN_AFTER_COMMIT);
        assertThatThrownBy(() -> service.ingest(command)).isInstanceOf(CommitStateUnknownException.class);

        assertThatThrownBy(() -> service.ingest(command)).isInstanceOf(CommitFailedException.class)
                .hasMessageContaining("does not advance");
        assertThat(lake.committedEvents()).hasSize(3);
    }

    @Test
    void aBatchWithoutStoredEventsStillAdvancesThePositions() {
        service.ingest(IngestEventsCommand.of(TelemetryEvents.notJson(ACME_TOPIC, 2, 41, INGEST)));

        assertThat(lake.committedEvents()).isEmpty();
        assertThat(lake.committedPositions().nextOffset(new TopicPartition(ACME_TOPIC, 2))).contains(42L);
    }

    @Test
    void httpItemsThatAreAllDeadLettersDoNotTouchTheLake() {
        IngestResult result = service.ingest(IngestEventsCommand.of(IncomingEvent.unparseable(NOT_JSON, "empty body",
                RawBytes.EMPTY, new HttpCoordinates("req-1", 0), INGEST)));

        assertThat(result.deadLettersByReason()).isEqualTo(Map.of(NOT_JSON, 1L));
        assertThat(lake.commits()).isZero();
    }

    @Test
    void anEmptyBatchHasNoOutcomesAndWritesNothing() {
        IngestResult result = service.ingest(new IngestEventsCommand(List.of()));

        assertThat(result.outcomes()).isEmpty();
        assertThat(lake.commits()).isZero();
        assertThat(deadLetters.writeCalls()).isZero();
    }

    @Test
    void aReplayedTooLateDeadLetterWithAnOverrideIsStoredAndKeepsItsClass() {
        IncomingEvent.Parsed tooLate = fromAcmeTopic(acme("EVENT_000000aa", INGEST.minus(Duration.ofDays(3))), 0, 5, INGEST);

        IngestResult result = service.ingest(IngestEventsCommand.of(tooLate.withOverrides(Set.of(ReplayOverride.ACCEPT_TOO_LATE))));

        assertThat(result.get(0)).isInstanceOfSatisfying(IngestOutcome.Stored.class,
                s -> assertThat(s.lateness()).isEqualTo(Lateness.TOO_LATE));
        assertThat(lake.committedEvents()).singleElement().extracting(StoredEvent::lateness).isEqualTo(Lateness.TOO_LATE);
    }

    @Test
    void anOverrideForTooLateDoesNotAcceptAFutureEvent() {
        IncomingEvent.Parsed future = fromAcmeTopic(acme("EVENT_000000bb", INGEST.plus(Duration.ofHours(2))), 0, 5, INGEST);

        IngestResult result = service.ingest(IngestEventsCommand.of(future.withOverrides(Set.of(ReplayOverride.ACCEPT_TOO_LATE))));

        assertThat(reasons(result)).containsExactly(FUTURE_TIMESTAMP);
    }

    @Test
    void dedupIsExactAcrossBatchesWithinTheHorizonInStreamTime() {
        service.ingest(IngestEventsCommand.of(fromAcmeTopic(acme("EVENT_000000cc", ACME_SAMPLE_TIME), 0, 0, INGEST)));
        Instant twoDaysLater = INGEST.plus(Duration.ofHours(48));

        IngestResult again = service.ingest(IngestEventsCommand.of(
                fromAcmeTopic(acme("EVENT_000000cc", ACME_SAMPLE_TIME), 0, 1, twoDaysLater)));

        // Still remembered in stream time; the copy is also beyond the late window, and lateness comes first.
        assertThat(reasons(again)).containsExactly(TOO_LATE);
        assertThat(lake.committedEvents()).hasSize(1);
    }

    @Test
    void sameIdInTwoSourcesAreTwoEvents() {
        IngestResult result = service.ingest(IngestEventsCommand.of(
                fromRawTopic(paymentEvent("same-id", "payment-service"), 0, 0, INGEST),
                fromRawTopic(paymentEvent("same-id", "shipping-service"), 0, 1, INGEST)));

        assertThat(result.storedCount()).isEqualTo(2);
    }

    @Test
    void aRetriedCopyAfterKeyRotationIsStillAnIdenticalDuplicate() {
        service.ingest(IngestEventsCommand.of(fromAcmeTopic(acme("EVENT_000000dd", ACME_SAMPLE_TIME), 0, 0, INGEST)));
        PiiKeyRing rotated = PiiKeyRing.of("k2026", Map.of(
                "k2025", "secret-2025-0123456789abcdefghij".getBytes(StandardCharsets.UTF_8),
                "k2026", "secret-2026-0123456789abcdefghij".getBytes(StandardCharsets.UTF_8)));
        IngestEventsService afterRotation = new IngestEventsService(catalog, new SchemaValidator(), seen, lake,
                deadLetters, new FixedClock(DECIDED), new IngestPolicies(LatenessWindows.DEFAULT,
                DedupPolicy.firstWins(), UnknownSubjectPolicy.discoverAll(),
                new Pseudonymiser(rotated, PiiPolicy.pseudonymiseLowAndHigh()),
                new ContentFingerprinter("fingerprint-secret-0123456789abc".getBytes(StandardCharsets.UTF_8))));

        IngestResult result = afterRotation.ingest(IngestEventsCommand.of(
                fromAcmeTopic(acme("EVENT_000000dd", ACME_SAMPLE_TIME), 0, 1, INGEST.plusSeconds(10)),
                fromAcmeTopic(acme("EVENT_000000ee", ACME_SAMPLE_TIME), 0, 2, INGEST.plusSeconds(10))));

        assertThat(result.get(0)).isInstanceOf(IngestOutcome.Duplicate.class);
        assertThat(result.get(1)).isInstanceOfSatisfying(IngestOutcome.Stored.class,
                s -> assertThat(s.piiKeyId()).isEqualTo("k2026"));
    }

    @Test
    void anEnvelopeEventWithARegisteredSchemaIsValidated() {
        catalog.register(TestRuleCompiler.compileAll(dev.sluice.domain.model.schema.SchemaVersion.of(
                Subject.ofSource("payment-service"), 1,
                List.of(dev.sluice.domain.model.schema.Field.required("code", dev.sluice.domain.model.schema.FieldType.STRING),
                        dev.sluice.domain.model.schema.Field.required("amount", dev.sluice.domain.model.schema.FieldType.DOUBLE)))));

        IngestResult result = service.ingest(IngestEventsCommand.of(
                fromRawTopic(paymentEvent("pay-2", "payment-service"), 0, 0, INGEST)));

        assertThat(reasons(result)).containsExactly(SCHEMA_VIOLATION);
        assertThat(detail(result, 0)).contains("amount").contains("payment-service version 1");
    }

    @Test
    void anEnvelopeV1ChannelRefusesAFlatAcmeRecord() {
        IngestResult result = service.ingest(IngestEventsCommand.of(TelemetryEvents.incoming(anAcmeStart(),
                new KafkaCoordinates(RAW_TOPIC, 0, 0), INGEST, EnvelopeV1Mapping.STRICT)));

        assertThat(reasons(result)).containsExactly(INVALID_ENVELOPE);
        assertThat(detail(result, 0)).contains("customer_id: is not a member of envelope v1").contains("payload: is missing");
    }
}
