package dev.sluice.domain.application.service.ingest;

import dev.sluice.domain.application.port.in.IncomingEvent;
import dev.sluice.domain.application.port.in.IngestEventsUseCase;
import dev.sluice.domain.application.port.in.IngestOutcome;
import dev.sluice.domain.application.port.in.IngestResult;
import dev.sluice.domain.application.port.in.IngestSession;
import dev.sluice.domain.application.port.out.Clock;
import dev.sluice.domain.application.port.out.DeadLetterSink;
import dev.sluice.domain.application.port.out.EventLake;
import dev.sluice.domain.application.port.out.PendingAppend;
import dev.sluice.domain.application.port.out.SchemaCatalog;
import dev.sluice.domain.application.port.out.SeenEventIndex;
import dev.sluice.domain.application.service.validation.SchemaValidator;
import dev.sluice.domain.model.dedup.ContentFingerprint;
import dev.sluice.domain.model.dedup.DedupDecision;
import dev.sluice.domain.model.dedup.DedupPartition;
import dev.sluice.domain.model.dedup.EventKey;
import dev.sluice.domain.model.dedup.SeenEvent;
import dev.sluice.domain.model.envelope.EnvelopeMapper;
import dev.sluice.domain.model.envelope.EventEnvelope;
import dev.sluice.domain.model.envelope.MappingResult;
import dev.sluice.domain.model.error.InvariantViolationException;
import dev.sluice.domain.model.ingest.ChannelCoordinates;
import dev.sluice.domain.model.ingest.DeadLetter;
import dev.sluice.domain.model.ingest.DeadLetterReason;
import dev.sluice.domain.model.ingest.KafkaCoordinates;
import dev.sluice.domain.model.ingest.ReplayOverride;
import dev.sluice.domain.model.ingest.StoredEvent;
import dev.sluice.domain.model.ingest.StreamPositions;
import dev.sluice.domain.model.ingest.TopicPartition;
import dev.sluice.domain.model.ingest.UnknownSubjectMode;
import dev.sluice.domain.model.lateness.Lateness;
import dev.sluice.domain.model.pii.Pseudonymised;
import dev.sluice.domain.model.schema.CompiledSchema;
import dev.sluice.domain.model.schema.Subject;
import dev.sluice.domain.model.validation.ValidationResult;
import dev.sluice.domain.model.validation.Violation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * The ingestion use case. It talks only to outbound ports and holds no state between batches
 * (a batch's state is its {@link IngestSession}'s), so one instance may serve several consumer
 * threads, each with its own partitions and sessions.
 */
public final class IngestEventsService implements IngestEventsUseCase {

    private final SchemaCatalog catalog;
    private final SchemaValidator validator;
    private final SeenEventIndex seenEvents;
    private final EventLake lake;
    private final DeadLetterSink deadLetters;
    private final Clock clock;
    private final IngestPolicies policies;
    private final EnvelopeMapper mapper = new EnvelopeMapper();

    public IngestEventsService(SchemaCatalog catalog, SchemaValidator validator, SeenEventIndex seenEvents,
                               EventLake lake, DeadLetterSink deadLetters, Clock clock, IngestPolicies policies) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.validator = requireNonNull(validator, "validator is null");
        this.seenEvents = requireNonNull(seenEvents, "seenEvents is null");
        this.lake = requireNonNull(lake, "lake is null");
        this.deadLetters = requireNonNull(deadLetters, "deadLetters is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.policies = requireNonNull(policies, "policies is null");
    }

    @Override
    public IngestSession open() {
        return new Session(clock.now(), null);
    }

    @Override
    public IngestSession openAfter(IngestSession predecessor) {
        requireNonNull(predecessor, "predecessor is null");
        if (!(predecessor instanceof Session p) || p.owner() != this) {
            throw new IllegalArgumentException("The predecessor is not a session of this use case");
        }
        if (p.state == SessionState.OPEN) {
            // Any later state is accepted: a predecessor whose commit failed is noticed by the caller,
            // which then abandons this session (it cannot be prepared before the predecessor is published).
            throw new IllegalStateException("The predecessor must be prepared, it is " + p.state);
        }
        return new Session(clock.now(), p);
    }

    /**
     * A batch fed chunk by chunk. Between chunks it keeps only what the rest of the batch needs:
     * the dedup entries of its stored events (needed by the index after the commit anyway), its
     * dead letters (usually few), the positions and the open append; never the items or the events.
     */
    private final class Session implements IngestSession {

        private final Instant decidedAt;
        /**
         * Per dedup partition, the entries of the events stored by this session, in input order. Only
         * the session's own thread touches it (a successor reads it on that same thread).
         */
        private final Map<DedupPartition, SessionSeenEvents> firsts = new LinkedHashMap<>();
        private final List<DeadLetter> deadLetters = new ArrayList<>();
        private final Map<TopicPartition, Long> nextOffsets = new LinkedHashMap<>();
        /**
         * A prepared session whose stored events the seen-event index may not know yet: dedup consults
         * its entries too. Dropped once it is published (its entries are in the index then).
         */
        private Session predecessor;
        private PendingAppend append;
        private StreamPositions prepared;
        private long items;
        private volatile SessionState state = SessionState.OPEN;

        Session(Instant decidedAt, Session predecessor) {
            this.decidedAt = requireNonNull(decidedAt, "clock returned null");
            this.predecessor = predecessor;
        }

        IngestEventsService owner() {
            return IngestEventsService.this;
        }

        @Override
        public IngestResult add(List<IncomingEvent> chunk) {
            requireNonNull(chunk, "chunk is null");
            requireOpen("add to");
            state = SessionState.FAILED; // until the whole chunk is decided and written
            Chunk decided = new Chunk(chunk.size(), decidedAt, deadLetters);
            Map<DedupPartition, List<Candidate>> candidates = new LinkedHashMap<>();
            KafkaCoordinates lastChannel = null;
            DedupPartition lastPartition = null;
            TopicPartition lastTopicPartition = null;
            for (int i = 0; i < chunk.size(); i++) {
                IncomingEvent item = chunk.get(i);
                ChannelCoordinates channel = item.channel();
                // Consecutive items mostly share a partition: derive its key and position entry once.
                DedupPartition partition;
                if (channel instanceof KafkaCoordinates k) {
                    if (lastChannel == null || k.partition() != lastChannel.partition()
                            || !k.topic().equals(lastChannel.topic())) {
                        lastPartition = k.dedupPartition();
                        lastTopicPartition = k.topicPartition();
                    }
                    lastChannel = k;
                    nextOffsets.merge(lastTopicPartition, k.offset() + 1, Math::max);
                    partition = lastPartition;
                } else {
                    partition = null;
                }
                switch (item) {
                    case IncomingEvent.Unparseable u -> decided.deadLetter(i, u, u.reason(), u.detail(), null, null);
                    case IncomingEvent.Parsed p -> {
                        Candidate c = decideUpToDedup(i, p, decided);
                        if (c != null) {
                            candidates.computeIfAbsent(partition != null ? partition : channel.dedupPartition(),
                                    key -> new ArrayList<>()).add(c);
                        }
                    }
                }
            }

            List<Candidate> stored = new ArrayList<>();
            candidates.forEach((partition, inPartition) -> dedup(partition, inPartition, decided, stored,
                    firsts.computeIfAbsent(partition, key -> new SessionSeenEvents()),
                    key -> storedByPredecessor(partition, key)));
            if (!stored.isEmpty()) {
                stored.sort(Comparator.comparingInt(Candidate::index));
                if (append == null) {
                    append = lake.begin();
                }
                for (Candidate c : stored) {
                    append.write(c.event());
                }
            }
            IngestResult result = decided.result();
            items += chunk.size();
            state = SessionState.OPEN;
            return result;
        }

        @Override
        public long items() {
            return items;
        }

        @Override
        public StreamPositions commit() {
            StreamPositions positions = prepare();
            commitPrepared();
            publish();
            return positions;
        }

        @Override
        public StreamPositions prepare() {
            requireOpen("prepare");
            if (predecessor != null && predecessor.state != SessionState.COMMITTED) {
                // Not a lasting failure: the caller publishes the predecessor first, then prepares again.
                throw new IllegalStateException("Cannot prepare a session before its predecessor is published (it is "
                        + predecessor.state + ")");
            }
            predecessor = null;
            prepared = new StreamPositions(nextOffsets);
            if (append == null && !prepared.isEmpty()) {
                append = lake.begin();
            }
            state = SessionState.PREPARED;
            return prepared;
        }

        @Override
        public void commitPrepared() {
            if (state != SessionState.PREPARED) {
                throw new IllegalStateException("Cannot commit an ingest session that is " + state
                        + " (prepare it first; after a failed commit, close it)");
            }
            state = SessionState.COMMITTING;
            try {
                if (!deadLetters.isEmpty()) {
                    IngestEventsService.this.deadLetters.write(List.copyOf(deadLetters));
                }
                if (append != null) {
                    try (PendingAppend committing = append) {
                        committing.complete(prepared);
                    }
                }
            } catch (RuntimeException | Error e) {
                state = SessionState.FAILED;
                throw e;
            }
            state = SessionState.COMMITTED_UNPUBLISHED;
        }

        @Override
        public void publish() {
            if (state != SessionState.COMMITTED_UNPUBLISHED) {
                throw new IllegalStateException("Cannot publish an ingest session that is " + state
                        + " (commit it first)");
            }
            firsts.forEach((partition, entries) -> {
                if (!entries.isEmpty()) {
                    seenEvents.remember(partition, entries.toList());
                }
            });
            release();
            state = SessionState.COMMITTED;
        }

        @Override
        public void close() {
            SessionState now = state;
            if (now == SessionState.COMMITTED || now == SessionState.CLOSED) {
                return;
            }
            if (now == SessionState.COMMITTING) {
                throw new IllegalStateException("Cannot close an ingest session while its commit runs; wait for it");
            }
            if (now == SessionState.COMMITTED_UNPUBLISHED) {
                // Committed but its stored events never reached the index: the caller reloads the index
                // (as after an unknown commit state) before it goes on.
                state = SessionState.CLOSED;
                release();
                return;
            }
            state = SessionState.CLOSED;
            PendingAppend abandoned = append;
            release();
            if (abandoned != null) {
                abandoned.close();
            }
        }

        private void requireOpen(String action) {
            if (state != SessionState.OPEN) {
                throw new IllegalStateException("Cannot " + action + " an ingest session that is " + state
                        + (state == SessionState.FAILED ? " (a chunk or the commit threw; close it)" : ""));
            }
        }

        private void release() {
            append = null;
            predecessor = null;
            firsts.clear();
            deadLetters.clear();
        }

        /** The entry of {@code key} stored by the unpublished predecessor, or null. */
        private SeenEvent storedByPredecessor(DedupPartition partition, EventKey key) {
            Session p = predecessor;
            if (p == null) {
                return null;
            }
            if (p.state == SessionState.COMMITTED || p.state == SessionState.CLOSED) {
                predecessor = null; // published (its entries are in the index) or abandoned
                return null;
            }
            SessionSeenEvents entries = p.firsts.get(partition);
            return entries == null ? null : entries.get(key);
        }
    }

    private enum SessionState { OPEN, PREPARED, COMMITTING, COMMITTED_UNPUBLISHED, COMMITTED, FAILED, CLOSED }

    /** Steps 2 to 6: map, resolve, validate, pseudonymise, classify. Null when the item is already decided. */
    private Candidate decideUpToDedup(int index, IncomingEvent.Parsed item, Chunk batch) {
        MappingResult mapped = mapper.map(item.value(), item.mapping(), item.ingestTime());
        EventEnvelope envelope;
        switch (mapped) {
            case MappingResult.Rejected r -> {
                batch.deadLetter(index, item, DeadLetterReason.INVALID_ENVELOPE, r.detail(), r.source(), r.eventId());
                return null;
            }
            case MappingResult.Mapped m -> envelope = m.envelope();
        }
        String source = envelope.source();
        String eventId = envelope.eventId();

        Optional<CompiledSchema> schema = catalog.resolve(source, envelope.eventType());
        if (schema.isEmpty() && policies.unknownSubjects().modeFor(source) == UnknownSubjectMode.ENFORCE) {
            batch.deadLetter(index, item, DeadLetterReason.UNKNOWN_SUBJECT, "no schema is registered for subject "
                    + source + "." + envelope.eventType() + " nor " + source
                    + ", and source " + source + " enforces registered schemas", source, eventId);
            return null;
        }

        EventEnvelope stored = envelope;
        String piiKeyId = null;
        if (schema.isPresent()) {
            CompiledSchema s = schema.get();
            ValidationResult validation = validator.validate(s, envelope.payload());
            if (!validation.isValid()) {
                DeadLetterReason reason = validation.onlyRuleViolations()
                        ? DeadLetterReason.RULE_VIOLATION : DeadLetterReason.SCHEMA_VIOLATION;
                batch.deadLetter(index, item, reason, validationDetail(s, validation), source, eventId);
                return null;
            }
            Pseudonymised pseudonymised = policies.pseudonymiser().apply(s.schema(), envelope.payload());
            stored = envelope.withPayload(pseudonymised.payload());
            piiKeyId = pseudonymised.keyId();
        }

        Lateness lateness = policies.lateness().classify(source, envelope.eventTimestamp(), envelope.ingestTimestamp());
        if (lateness == Lateness.TOO_LATE && !item.overrides().contains(ReplayOverride.ACCEPT_TOO_LATE)) {
            batch.deadLetter(index, item, DeadLetterReason.TOO_LATE, "event_timestamp " + envelope.eventTimestamp()
                    + " is " + delay(envelope) + " before ingest_timestamp " + envelope.ingestTimestamp()
                    + ", beyond the late window of source " + source, source, eventId);
            return null;
        }
        if (lateness == Lateness.FUTURE && !item.overrides().contains(ReplayOverride.ACCEPT_FUTURE)) {
            batch.deadLetter(index, item, DeadLetterReason.FUTURE_TIMESTAMP, "event_timestamp "
                    + envelope.eventTimestamp() + " is " + delay(envelope).negated() + " after ingest_timestamp "
                    + envelope.ingestTimestamp() + ", beyond the future skew of source " + source, source, eventId);
            return null;
        }

        // The fingerprint is of the content as received: a rotated PII key must not turn a retry into a conflict.
        ContentFingerprint fingerprint = policies.fingerprinter().fingerprint(envelope);
        Subject subject = schema.map(CompiledSchema::subject).orElseGet(() -> Subject.of(source, envelope.eventType()));
        StoredEvent event = new StoredEvent(stored, subject, schema.map(CompiledSchema::version).orElse(0),
                schema.map(CompiledSchema::id).orElse(0L), lateness, piiKeyId, EventKey.of(source, eventId),
                fingerprint, item.channel());
        return new Candidate(index, item, event);
    }

    /**
     * Step 7 for one partition's candidates of a chunk, in input order, against the committed
     * batches (the index), the stored events of an unpublished predecessor session
     * ({@code predecessor}), and the session's earlier events ({@code session}, which the events
     * stored here join).
     */
    private void dedup(DedupPartition partition, List<Candidate> candidates, Chunk chunk, List<Candidate> stored,
                       SessionSeenEvents session, java.util.function.Function<EventKey, SeenEvent> predecessor) {
        List<EventKey> keys = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            keys.add(c.event().key());
        }
        Map<EventKey, SeenEvent> earlierBatches = seenEvents.lookup(partition, keys);
        for (Candidate c : candidates) {
            StoredEvent event = c.event();
            SeenEvent candidate = event.seen();
            SeenEvent earlier = earlierBatches.get(event.key());
            if (earlier == null) {
                earlier = predecessor.apply(event.key());
            }
            if (earlier == null) {
                earlier = session.get(event.key());
            }
            DedupDecision decision = policies.dedup().decide(candidate, Optional.ofNullable(earlier));
            EventEnvelope envelope = event.envelope();
            switch (decision) {
                case FIRST_SEEN -> {
                    session.add(candidate);
                    stored.add(c);
                    chunk.outcome(c.index(), new IngestOutcome.Stored(envelope.eventId(), envelope.source(),
                            event.lateness(), event.subject(), event.schemaVersion(), event.piiKeyId()));
                }
                case DUPLICATE -> chunk.outcome(c.index(),
                        new IngestOutcome.Duplicate(envelope.eventId(), envelope.source(), earlier.ingestTime()));
                case CONFLICTING_DUPLICATE -> chunk.deadLetter(c.index(), c.item(),
                        DeadLetterReason.CONFLICTING_DUPLICATE, "event_id " + envelope.eventId() + " of source "
                                + envelope.source() + " was first stored with ingest_timestamp " + earlier.ingestTime()
                                + " and content fingerprint " + earlier.fingerprint() + "; this copy has fingerprint "
                                + candidate.fingerprint() + ", so its content differs",
                        envelope.source(), envelope.eventId());
            }
        }
    }

    private static Duration delay(EventEnvelope envelope) {
        return Duration.between(envelope.eventTimestamp(), envelope.ingestTimestamp());
    }

    private static String validationDetail(CompiledSchema schema, ValidationResult validation) {
        String violations = validation.violations().stream().map(Violation::toString).collect(Collectors.joining("; "));
        return "schema " + schema.subject() + " version " + schema.version() + ": " + violations
                + (validation.truncated() ? "; (more violations not listed)" : "");
    }

    /** An event that passed every step before dedup. */
    private record Candidate(int index, IncomingEvent.Parsed item, StoredEvent event) {
    }

    /** The outcomes of one chunk as they are decided; its dead letters join the session's. */
    private static final class Chunk {
        private final IngestOutcome[] outcomes;
        private final Instant decidedAt;
        private final List<DeadLetter> deadLetters;

        Chunk(int size, Instant decidedAt, List<DeadLetter> deadLetters) {
            this.outcomes = new IngestOutcome[size];
            this.decidedAt = decidedAt;
            this.deadLetters = deadLetters;
        }

        void outcome(int index, IngestOutcome outcome) {
            InvariantViolationException.check(outcomes[index] == null,
                    "item %d was decided twice: %s, then %s", index, outcomes[index], outcome);
            outcomes[index] = outcome;
        }

        void deadLetter(int index, IncomingEvent item, DeadLetterReason reason, String detail, String source,
                        String eventId) {
            ChannelCoordinates channel = item.channel();
            DeadLetter letter = new DeadLetter(item.originalBytes(), reason, detail, channel, item.ingestTime(),
                    decidedAt, source, eventId);
            deadLetters.add(letter);
            outcome(index, new IngestOutcome.DeadLettered(reason, letter.detail(), eventId));
        }

        IngestResult result() {
            for (int i = 0; i < outcomes.length; i++) {
                InvariantViolationException.check(outcomes[i] != null, "item %d of %d has no outcome", i, outcomes.length);
            }
            return new IngestResult(List.of(outcomes));
        }
    }
}
