package dev.sluice.domain.application.service.ingest;

import dev.sluice.domain.application.port.in.IncomingEvent;
import dev.sluice.domain.application.port.in.IngestEventsCommand;
import dev.sluice.domain.application.port.in.IngestOutcome;
import dev.sluice.domain.application.port.in.IngestResult;
import dev.sluice.domain.application.port.in.IngestSession;
import dev.sluice.domain.application.service.validation.SchemaValidator;
import dev.sluice.domain.model.dedup.ContentFingerprinter;
import dev.sluice.domain.model.dedup.DedupPartition;
import dev.sluice.domain.model.dedup.DedupPolicy;
import dev.sluice.domain.model.dedup.EventKey;
import dev.sluice.domain.model.error.CommitFailedException;
import dev.sluice.domain.model.ingest.DeadLetter;
import dev.sluice.domain.model.ingest.DeadLetterReason;
import dev.sluice.domain.model.ingest.StreamPositions;
import dev.sluice.domain.model.ingest.TopicPartition;
import dev.sluice.domain.model.ingest.UnknownSubjectMode;
import dev.sluice.domain.model.ingest.UnknownSubjectPolicy;
import dev.sluice.domain.model.lateness.LatenessWindows;
import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.model.pii.PiiKeyRing;
import dev.sluice.domain.model.pii.PiiPolicy;
import dev.sluice.domain.model.pii.Pseudonymiser;
import dev.sluice.domain.testing.FixedClock;
import dev.sluice.domain.testing.InMemoryDeadLetterSink;
import dev.sluice.domain.testing.InMemoryEventLake;
import dev.sluice.domain.testing.InMemorySchemaCatalog;
import dev.sluice.domain.testing.InMemorySeenEventIndex;
import dev.sluice.domain.testing.SeedSchemas;
import dev.sluice.domain.testing.TelemetryEvents;
import dev.sluice.domain.testing.TestRuleCompiler;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.sluice.domain.testing.TelemetryEvents.ACME_SAMPLE_TIME;
import static dev.sluice.domain.testing.TelemetryEvents.ACME_TOPIC;
import static dev.sluice.domain.testing.TelemetryEvents.anAcmeRecordWith;
import static dev.sluice.domain.testing.TelemetryEvents.anAcmeStart;
import static dev.sluice.domain.testing.TelemetryEvents.fromAcmeTopic;
import static dev.sluice.domain.testing.TelemetryEvents.fromRawTopic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link IngestSession}: a batch fed chunk by chunk decides and commits exactly what one batch of
 * the same items does, and an abandoned session leaves nothing.
 */
class IngestSessionTest {

    private static final Instant INGEST = Instant.parse("2025-08-11T14:31:00Z");
    private static final Instant DECIDED = Instant.parse("2025-08-11T14:31:02Z");
    private static final TopicPartition ACME_0 = new TopicPartition(ACME_TOPIC, 0);
    private static final TopicPartition ACME_1 = new TopicPartition(ACME_TOPIC, 1);

    /** A service with its own fakes. */
    private static final class World {
        final InMemorySchemaCatalog catalog = new InMemorySchemaCatalog();
        final InMemorySeenEventIndex seen = new InMemorySeenEventIndex(LatenessWindows.DEFAULT.dedupHorizon());
        final InMemoryEventLake lake = new InMemoryEventLake();
        final InMemoryDeadLetterSink deadLetters = new InMemoryDeadLetterSink();
        final IngestEventsService service;

        World() {
            catalog.register(TestRuleCompiler.compileAll(SeedSchemas.acmeVideo()));
            IngestPolicies policies = new IngestPolicies(LatenessWindows.DEFAULT, DedupPolicy.firstWins(),
                    UnknownSubjectPolicy.perSource(Map.of("billing", UnknownSubjectMode.ENFORCE),
                            UnknownSubjectMode.DISCOVER),
                    new Pseudonymiser(PiiKeyRing.single("k2025",
                            "secret-2025-0123456789abcdefghij".getBytes(StandardCharsets.UTF_8)),
                            PiiPolicy.pseudonymiseLowAndHigh()),
                    new ContentFingerprinter("fingerprint-secret-0123456789abc".getBytes(StandardCharsets.UTF_8)));
            service = new IngestEventsService(catalog, new SchemaValidator(), seen, lake, deadLetters,
                    new FixedClock(DECIDED), policies);
        }

        /** Ingests {@code items} in one session, cut into chunks of the given sizes (the last takes the rest). */
        List<IngestOutcome> ingestInChunks(List<IncomingEvent> items, List<Integer> sizes) {
            List<IngestOutcome> outcomes = new ArrayList<>();
            try (IngestSession session = service.open()) {
                int from = 0;
                for (int i = 0; from < items.size(); i++) {
                    int to = i < sizes.size() ? Math.min(items.size(), from + sizes.get(i)) : items.size();
                    outcomes.addAll(session.add(items.subList(from, to)).outcomes());
                    from = to;
                }
                assertThat(session.items()).isEqualTo(items.size());
                session.commit();
            }
            return outcomes;
        }

        /** What the dead-letter sink holds, comparable: coordinates, reason, detail and ids. */
        Set<String> deadLetterRows() {
            Set<String> rows = new LinkedHashSet<>();
            for (DeadLetter d : deadLetters.all()) {
                rows.add(d.channel().describe() + " " + d.reason() + " " + d.source() + " " + d.eventId() + " "
                        + d.detail() + " " + d.originalBytes().size());
            }
            return rows;
        }
    }

    // --- items ---------------------------------------------------------------------------------

    /** What an item of the generated input is. */
    enum Kind { START, CONFLICTING, LATE, TOO_LATE, SCHEMA_VIOLATION, NOT_JSON, DISCOVERED, UNKNOWN_SUBJECT }

    record Spec(Kind kind, int id, int partition) {
    }

    private static List<IncomingEvent> items(List<Spec> specs) {
        long[] next = new long[2];
        List<IncomingEvent> items = new ArrayList<>();
        for (Spec s : specs) {
            long offset = next[s.partition()]++;
            Instant ingest = INGEST.plusMillis(offset);
            String id = String.format("EVENT_%08d", s.id());
            items.add(switch (s.kind()) {
                case START -> fromAcmeTopic(anAcmeStart(id, ACME_SAMPLE_TIME), s.partition(), offset, ingest);
                case CONFLICTING -> fromAcmeTopic(anAcmeRecordWith(ObjectValue.builder().put("event_id", id)
                        .put("city", "San Diego").build()), s.partition(), offset, ingest);
                case LATE -> fromAcmeTopic(anAcmeStart(id, INGEST.minus(Duration.ofHours(3))), s.partition(), offset,
                        ingest);
                case TOO_LATE -> fromAcmeTopic(anAcmeStart(id, INGEST.minus(Duration.ofDays(3))), s.partition(),
                        offset, ingest);
                case SCHEMA_VIOLATION -> fromAcmeTopic(anAcmeRecordWith(ObjectValue.builder().put("event_id", id)
                        .put("device_type", "fridge").build()), s.partition(), offset, ingest);
                case NOT_JSON -> TelemetryEvents.notJson(ACME_TOPIC, s.partition(), offset, ingest);
                // Raw-topic items sit in the same offsets' sequence of their own topic partition.
                case DISCOVERED -> fromRawTopic(TelemetryEvents.anEnvelopeEvent("pay-" + s.id(), "payment-service",
                        "error", ACME_SAMPLE_TIME, ObjectValue.builder().put("code", "E42").build()), s.partition(),
                        offset, ingest);
                case UNKNOWN_SUBJECT -> fromRawTopic(TelemetryEvents.anEnvelopeEvent("bill-" + s.id(), "billing",
                        "error", ACME_SAMPLE_TIME, ObjectValue.builder().put("code", "E42").build()), s.partition(),
                        offset, ingest);
            });
        }
        return items;
    }

    private static IncomingEvent start(String id, int partition, long offset) {
        return fromAcmeTopic(anAcmeStart(id, ACME_SAMPLE_TIME), partition, offset, INGEST.plusMillis(offset));
    }

    private static IncomingEvent conflicting(String id, int partition, long offset) {
        return fromAcmeTopic(anAcmeRecordWith(ObjectValue.builder().put("event_id", id).put("city", "San Diego")
                .build()), partition, offset, INGEST.plusMillis(offset));
    }

    @Provide
    Arbitrary<List<Spec>> specs() {
        // Few ids, so that copies (identical and conflicting) meet within and across chunks.
        Arbitrary<Spec> spec = Combinators.combine(
                Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 11), Arbitraries.integers().between(0, 1))
                .as(Spec::new);
        return spec.list().ofMinSize(0).ofMaxSize(60);
    }

    @Provide
    Arbitrary<List<Integer>> chunkSizes() {
        return Arbitraries.integers().between(1, 12).list().ofMaxSize(12);
    }

    // --- properties ----------------------------------------------------------------------------

    @Property(tries = 300)
    void aBatchCutIntoChunksEndsExactlyAsTheSameBatchInOneCall(@ForAll("specs") List<Spec> earlier,
                                                               @ForAll("specs") List<Spec> later,
                                                               @ForAll("chunkSizes") List<Integer> sizes) {
        List<Spec> all = new ArrayList<>(earlier);
        all.addAll(later);
        List<IncomingEvent> items = items(all);
        List<IncomingEvent> first = items.subList(0, earlier.size());
        List<IncomingEvent> second = items.subList(earlier.size(), items.size());
        World oneShot = new World();
        World chunked = new World();

        // An earlier committed batch feeds the index in both worlds: dedup across sessions too.
        oneShot.service.ingest(new IngestEventsCommand(first));
        chunked.service.ingest(new IngestEventsCommand(first));
        List<IngestOutcome> expected = oneShot.service.ingest(new IngestEventsCommand(second)).outcomes();
        List<IngestOutcome> actual = chunked.ingestInChunks(second, sizes);

        assertThat(actual).isEqualTo(expected);
        assertThat(chunked.lake.committedEvents()).isEqualTo(oneShot.lake.committedEvents());
        assertThat(chunked.lake.committedPositions()).isEqualTo(oneShot.lake.committedPositions());
        assertThat(chunked.lake.commits()).isEqualTo(oneShot.lake.commits());
        assertThat(chunked.deadLetterRows()).isEqualTo(oneShot.deadLetterRows());
        for (String topic : List.of(ACME_TOPIC, TelemetryEvents.RAW_TOPIC)) {
            for (int p = 0; p < 2; p++) {
                DedupPartition partition = new DedupPartition(topic + "-" + p);
                assertThat(chunked.seen.size(partition)).as("index entries of %s", partition)
                        .isEqualTo(oneShot.seen.size(partition));
            }
        }
    }

    @Property(tries = 100)
    void theCommittedPositionsCoverEveryItemAdded(@ForAll("specs") List<Spec> specs,
                                                  @ForAll("chunkSizes") List<Integer> sizes) {
        List<IncomingEvent> items = items(specs);
        World world = new World();

        world.ingestInChunks(items, sizes);

        Map<TopicPartition, Long> expected = new HashMap<>();
        for (IncomingEvent item : items) {
            var k = (dev.sluice.domain.model.ingest.KafkaCoordinates) item.channel();
            expected.merge(k.topicPartition(), k.offset() + 1, Math::max);
        }
        assertThat(world.lake.committedPositions().nextOffsets()).isEqualTo(expected);
    }

    // --- examples ------------------------------------------------------------------------------

    @Test
    void anEventStoredByAnEarlierChunkMakesALaterCopyADuplicate() {
        World world = new World();
        try (IngestSession session = world.service.open()) {
            IngestResult chunk1 = session.add(List.of(start("EVENT_00000001", 0, 0)));
            session.add(List.of(start("EVENT_00000002", 0, 1)));
            IngestResult chunk3 = session.add(List.of(start("EVENT_00000001", 0, 2)));
            session.commit();

            assertThat(chunk1.get(0)).isInstanceOf(IngestOutcome.Stored.class);
            assertThat(chunk3.get(0)).isEqualTo(new IngestOutcome.Duplicate("EVENT_00000001", "acme-telemetry",
                    INGEST));
        }

        assertThat(world.lake.committedEvents()).extracting(e -> e.envelope().eventId())
                .containsExactly("EVENT_00000001", "EVENT_00000002");
        assertThat(world.lake.commits()).isEqualTo(1);
    }

    @Test
    void aConflictingCopyInALaterChunkIsADeadLetterWrittenOnlyAtCommit() {
        World world = new World();
        try (IngestSession session = world.service.open()) {
            session.add(List.of(start("EVENT_00000001", 0, 0)));
            session.add(List.of(start("EVENT_00000002", 1, 0)));
            IngestResult chunk3 = session.add(List.of(conflicting("EVENT_00000001", 0, 1)));

            assertThat(chunk3.get(0)).isInstanceOfSatisfying(IngestOutcome.DeadLettered.class,
                    d -> assertThat(d.reason()).isEqualTo(DeadLetterReason.CONFLICTING_DUPLICATE));
            assertThat(world.deadLetters.all()).isEmpty();

            session.commit();
        }

        assertThat(world.deadLetters.all()).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(DeadLetterReason.CONFLICTING_DUPLICATE);
            assertThat(d.channel().describe()).isEqualTo(ACME_TOPIC + "-0@1");
        });
        assertThat(world.lake.committedEvents()).hasSize(2);
        assertThat(world.lake.committedPositions().nextOffsets()).isEqualTo(Map.of(ACME_0, 2L, ACME_1, 1L));
    }

    @Test
    void anAbandonedSessionLeavesNothingAndTheBatchCanBeIngestedAgain() {
        World world = new World();
        List<IncomingEvent> items = List.of(start("EVENT_00000001", 0, 0), conflicting("EVENT_00000001", 0, 1),
                TelemetryEvents.notJson(ACME_TOPIC, 1, 0, INGEST));
        try (IngestSession session = world.service.open()) {
            session.add(items.subList(0, 2));
            session.add(items.subList(2, 3));
        }

        assertThat(world.lake.committedEvents()).isEmpty();
        assertThat(world.lake.committedPositions().nextOffsets()).isEmpty();
        assertThat(world.lake.commits()).isZero();
        assertThat(world.deadLetters.all()).isEmpty();
        assertThat(world.seen.rememberCalls()).isZero();
        assertThat(world.seen.lookup(new DedupPartition(ACME_TOPIC + "-0"),
                List.of(EventKey.of("acme-video-player", "EVENT_00000001")))).isEmpty();

        IngestResult retried = world.service.ingest(new IngestEventsCommand(items));

        assertThat(retried.storedCount()).isEqualTo(1);
        assertThat(retried.deadLetterCount()).isEqualTo(2);
        assertThat(world.lake.committedEvents()).hasSize(1);
        assertThat(world.lake.committedPositions().nextOffsets()).isEqualTo(Map.of(ACME_0, 2L, ACME_1, 1L));
    }

    @Test
    void aSessionWhoseCommitFailsRemembersNothingAndOnlyClosesAfterwards() {
        World world = new World();
        world.lake.failNextCommit(InMemoryEventLake.Failure.FAILED);
        IngestSession session = world.service.open();
        session.add(List.of(start("EVENT_00000001", 0, 0)));

        assertThatThrownBy(session::commit).isInstanceOf(CommitFailedException.class);
        assertThatThrownBy(() -> session.add(List.of(start("EVENT_00000002", 0, 1))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("FAILED");
        assertThatThrownBy(session::commit).isInstanceOf(IllegalStateException.class);
        session.close();
        session.close();

        assertThat(world.seen.rememberCalls()).isZero();
        assertThat(world.lake.committedEvents()).isEmpty();
        IngestResult retried = world.service.ingest(IngestEventsCommand.of(start("EVENT_00000001", 0, 0)));
        assertThat(retried.storedCount()).isEqualTo(1);
    }

    @Test
    void aCommittedSessionReturnsItsPositionsAndIgnoresClose() {
        World world = new World();
        IngestSession session = world.service.open();
        session.add(List.of(start("EVENT_00000001", 0, 4), TelemetryEvents.notJson(ACME_TOPIC, 1, 9, INGEST)));

        StreamPositions committed = session.commit();
        session.close();

        assertThat(committed.nextOffsets()).isEqualTo(Map.of(ACME_0, 5L, ACME_1, 10L));
        assertThat(world.lake.committedPositions()).isEqualTo(committed);
        assertThat(world.lake.committedEvents()).hasSize(1);
        assertThatThrownBy(() -> session.add(List.of(start("EVENT_00000002", 0, 5))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("COMMITTED");
    }

    @Test
    void aSessionOpenedAfterAPreparedOneDedupsAgainstItsEventsWhileItCommitsOnAnotherThread() throws Exception {
        World world = new World();
        IngestSession first = world.service.open();
        first.add(List.of(start("EVENT_00000001", 0, 0), start("EVENT_00000002", 0, 1)));
        StreamPositions firstPositions = first.prepare();
        IngestSession second = world.service.openAfter(first);

        IngestResult copies = second.add(List.of(start("EVENT_00000001", 0, 2), conflicting("EVENT_00000002", 0, 3),
                start("EVENT_00000003", 0, 4)));
        assertThatThrownBy(second::prepare).as("the predecessor is not published yet")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("predecessor");
        Thread committer = Thread.ofPlatform().start(first::commitPrepared);
        committer.join();
        first.publish();
        second.add(List.of(start("EVENT_00000001", 0, 5)));
        StreamPositions secondPositions = second.prepare();
        second.commitPrepared();
        second.publish();

        assertThat(copies.get(0)).isEqualTo(new IngestOutcome.Duplicate("EVENT_00000001", "acme-telemetry", INGEST));
        assertThat(copies.get(1)).isInstanceOfSatisfying(IngestOutcome.DeadLettered.class,
                d -> assertThat(d.reason()).isEqualTo(DeadLetterReason.CONFLICTING_DUPLICATE));
        assertThat(copies.get(2)).isInstanceOf(IngestOutcome.Stored.class);
        assertThat(firstPositions.nextOffsets()).isEqualTo(Map.of(ACME_0, 2L));
        assertThat(secondPositions.nextOffsets()).isEqualTo(Map.of(ACME_0, 6L));
        assertThat(world.lake.committedEvents()).extracting(e -> e.envelope().eventId())
                .containsExactly("EVENT_00000001", "EVENT_00000002", "EVENT_00000003");
        assertThat(world.lake.commits()).isEqualTo(2);
        assertThat(world.lake.committedPositions()).isEqualTo(secondPositions);
        assertThat(world.deadLetters.all()).singleElement()
                .satisfies(d -> assertThat(d.reason()).isEqualTo(DeadLetterReason.CONFLICTING_DUPLICATE));
        assertThat(world.seen.rememberCalls()).isEqualTo(2);
    }

    @Test
    void whenAPreparedSessionsCommitFailsItAndItsSuccessorLeaveNothingAndTheBatchesCanBeIngestedAgain() {
        World world = new World();
        world.lake.failNextCommit(InMemoryEventLake.Failure.FAILED);
        List<IncomingEvent> firstItems = List.of(start("EVENT_00000001", 0, 0));
        List<IncomingEvent> secondItems = List.of(start("EVENT_00000001", 0, 1), start("EVENT_00000002", 0, 2));
        IngestSession first = world.service.open();
        first.add(firstItems);
        first.prepare();
        IngestSession second = world.service.openAfter(first);
        second.add(secondItems);

        assertThatThrownBy(first::commitPrepared).isInstanceOf(CommitFailedException.class);
        assertThatThrownBy(first::publish).isInstanceOf(IllegalStateException.class);
        first.close();
        second.close();

        assertThat(world.seen.rememberCalls()).isZero();
        assertThat(world.lake.committedEvents()).isEmpty();
        assertThat(world.deadLetters.all()).isEmpty();
        List<IncomingEvent> all = new ArrayList<>(firstItems);
        all.addAll(secondItems);
        IngestResult retried = world.service.ingest(new IngestEventsCommand(all));
        assertThat(retried.storedCount()).isEqualTo(2);
        assertThat(retried.duplicateCount()).isEqualTo(1);
        assertThat(world.lake.committedPositions().nextOffsets()).isEqualTo(Map.of(ACME_0, 3L));
    }

    @Test
    void openAfterRefusesASessionThatIsNotPrepared() {
        World world = new World();
        try (IngestSession open = world.service.open()) {
            assertThatThrownBy(() -> world.service.openAfter(open)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("prepared");
        }
        assertThatThrownBy(() -> new World().service.openAfter(world.service.open()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEmptySessionCommitsNothing() {
        World world = new World();
        try (IngestSession session = world.service.open()) {
            assertThat(session.commit().isEmpty()).isTrue();
        }

        assertThat(world.lake.commits()).isZero();
        assertThat(world.deadLetters.writeCalls()).isZero();
    }
}
