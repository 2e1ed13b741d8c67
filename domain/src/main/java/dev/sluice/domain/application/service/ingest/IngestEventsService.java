package dev.sluice.domain.application.service.ingest;

import dev.sluice.domain.application.port.in.IncomingEvent;
import dev.sluice.domain.application.port.in.IngestEventsCommand;
import dev.sluice.domain.application.port.in.IngestEventsUseCase;
import dev.sluice.domain.application.port.in.IngestOutcome;
import dev.sluice.domain.application.port.in.IngestResult;
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
import dev.sluice.domain.model.ingest.ReplayOverride;
import dev.sluice.domain.model.ingest.StoredEvent;
import dev.sluice.domain.model.ingest.StreamPositions;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * The ingestion use case. It talks only to outbound ports and holds no state between batches, so
 * one instance may serve several consumer threads, each with its own partitions.
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
    public IngestResult ingest(IngestEventsCommand command) {
        requireNonNull(command, "command is null");
        List<IncomingEvent> items = command.events();
        Batch batch = new Batch(items.size(), clock.now());

        Map<DedupPartition, List<Candidate>> candidates = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            switch (items.get(i)) {
                case IncomingEvent.Unparseable u -> batch.deadLetter(i, u, u.reason(), u.detail(), null, null);
                case IncomingEvent.Parsed p -> {
                    Candidate c = decideUpToDedup(i, p, batch);
                    if (c != null) {
                        candidates.computeIfAbsent(p.channel().dedupPartition(), k -> new ArrayList<>()).add(c);
                    }
                }
            }
        }

        Map<DedupPartition, List<SeenEvent>> toRemember = new LinkedHashMap<>();
        List<Candidate> stored = new ArrayList<>();
        candidates.forEach((partition, inPartition) -> {
            List<SeenEvent> firsts = dedup(partition, inPartition, batch, stored);
            if (!firsts.isEmpty()) {
                toRemember.put(partition, firsts);
            }
        });

        if (!batch.deadLetters.isEmpty()) {
            deadLetters.write(List.copyOf(batch.deadLetters));
        }
        StreamPositions positions = StreamPositions.after(items.stream().map(IncomingEvent::channel).toList());
        if (!stored.isEmpty() || !positions.isEmpty()) {
            stored.sort(Comparator.comparingInt(Candidate::index));
            try (PendingAppend append = lake.begin(positions)) {
                for (Candidate c : stored) {
                    append.write(c.event());
                }
                append.complete();
            }
        }
        toRemember.forEach(seenEvents::remember);

        return batch.result();
    }

    /** Steps 2 to 6: map, resolve, validate, pseudonymise, classify. Null when the item is already decided. */
    private Candidate decideUpToDedup(int index, IncomingEvent.Parsed item, Batch batch) {
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

    /** Step 7 for one partition, in input order. Returns the entries of the events to store. */
    private List<SeenEvent> dedup(DedupPartition partition, List<Candidate> candidates, Batch batch,
                                  List<Candidate> stored) {
        List<EventKey> keys = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            keys.add(c.event().key());
        }
        Map<EventKey, SeenEvent> earlierBatches = seenEvents.lookup(partition, keys);
        Map<EventKey, SeenEvent> thisBatch = new HashMap<>();
        List<SeenEvent> firsts = new ArrayList<>();
        for (Candidate c : candidates) {
            StoredEvent event = c.event();
            SeenEvent candidate = event.seen();
            SeenEvent earlier = earlierBatches.get(event.key());
            if (earlier == null) {
                earlier = thisBatch.get(event.key());
            }
            DedupDecision decision = policies.dedup().decide(candidate, Optional.ofNullable(earlier));
            EventEnvelope envelope = event.envelope();
            switch (decision) {
                case FIRST_SEEN -> {
                    thisBatch.put(event.key(), candidate);
                    firsts.add(candidate);
                    stored.add(c);
                    batch.outcome(c.index(), new IngestOutcome.Stored(envelope.eventId(), envelope.source(),
                            event.lateness(), event.subject(), event.schemaVersion(), event.piiKeyId()));
                }
                case DUPLICATE -> batch.outcome(c.index(),
                        new IngestOutcome.Duplicate(envelope.eventId(), envelope.source(), earlier.ingestTime()));
                case CONFLICTING_DUPLICATE -> batch.deadLetter(c.index(), c.item(),
                        DeadLetterReason.CONFLICTING_DUPLICATE, "event_id " + envelope.eventId() + " of source "
                                + envelope.source() + " was first stored with ingest_timestamp " + earlier.ingestTime()
                                + " and content fingerprint " + earlier.fingerprint() + "; this copy has fingerprint "
                                + candidate.fingerprint() + ", so its content differs",
                        envelope.source(), envelope.eventId());
            }
        }
        return firsts;
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

    /** The outcomes and dead letters of one batch, as they are decided. */
    private static final class Batch {
        private final IngestOutcome[] outcomes;
        private final Instant decidedAt;
        private final List<DeadLetter> deadLetters = new ArrayList<>();

        Batch(int size, Instant decidedAt) {
            this.outcomes = new IngestOutcome[size];
            this.decidedAt = requireNonNull(decidedAt, "clock returned null");
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
