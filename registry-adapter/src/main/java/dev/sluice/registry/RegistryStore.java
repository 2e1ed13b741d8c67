package dev.sluice.registry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.domain.application.service.compatibility.CompatibilityChecker;
import dev.sluice.domain.application.service.compatibility.CompatibilityResult;
import dev.sluice.domain.application.service.compatibility.Incompatibility;
import dev.sluice.domain.application.service.diff.SchemaDiff;
import dev.sluice.domain.model.schema.CompatibilityMode;
import dev.sluice.domain.model.schema.Field;
import dev.sluice.domain.model.schema.SchemaStatus;
import dev.sluice.domain.model.schema.SchemaVersion;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry's state in PostgreSQL. Each write runs in one transaction that also writes its audit
 * row and its outbox events, so a change, its audit trail and its announcement never disagree.
 * Registrations of one subject are serialised by a row lock on the subject.
 */
@Singleton
class RegistryStore {

    private static final int MAX_LISTED_INCOMPATIBILITIES = 50;

    private final Repositories.ConfigRepository configs;
    private final Repositories.SubjectRepository subjects;
    private final Repositories.VersionRepository versions;
    private final Repositories.AuditRepository audits;
    private final Repositories.OutboxRepository outbox;
    private final RegistryConfig config;
    private final EventsConfig events;
    private final Clock clock;
    private final RegistrySql sql;
    private final CompatibilityChecker checker = new CompatibilityChecker();
    /** Parsed canonical models by version id: the canonical text of a version never changes. */
    private final Map<Long, SchemaVersion> models = new ConcurrentHashMap<>();

    RegistryStore(Repositories.ConfigRepository configs, Repositories.SubjectRepository subjects,
                  Repositories.VersionRepository versions,
                  Repositories.AuditRepository audits, Repositories.OutboxRepository outbox,
                  RegistryConfig config, EventsConfig events, RegistrySql sql) {
        this.sql = sql;
        this.configs = configs;
        this.subjects = subjects;
        this.versions = versions;
        this.audits = audits;
        this.outbox = outbox;
        this.config = config;
        this.events = events;
        this.clock = Clock.systemUTC();
    }

    /** The outcome of a registration: the version, and whether it was created now or found by fingerprint. */
    record Registration(StoredVersion version, boolean created) {
    }

    @Transactional
    Registration register(SchemaParser.Draft draft, String actor) {
        Instant now = clock.instant();
        String name = draft.model().subject().name();
        // Round trip 1 (2 more only for a new subject): lock the subject, read its modes and version heads.
        RegistrySql.LockedSubject subject = sql.lockWithHeads(name).orElseGet(() -> {
            subjects.insertIfAbsent(name, now);
            return sql.lockWithHeads(name).orElseThrow();
        });
        List<Rows.VersionHead> rows = subject.heads();
        List<Rows.VersionHead> live = rows.stream().filter(r -> !r.deleted()).toList();
        for (Rows.VersionHead r : live) {
            if (r.fingerprint().equals(draft.fingerprint()) && r.schemaType().equals(draft.format().name())) {
                return new Registration(stored(versions.findById(r.id()).orElseThrow(), name), false);
            }
        }
        CompatibilityMode mode = subject.compatibility() != null ? CompatibilityMode.valueOf(subject.compatibility())
                : subject.globalCompatibility() != null ? CompatibilityMode.valueOf(subject.globalCompatibility())
                : config.defaultCompatibility();
        int next = rows.isEmpty() ? 1 : rows.getLast().version() + 1;
        List<SchemaVersion> previous = models(live);
        SchemaVersion candidate = draft.model().withVersion(next).withCompatibility(mode);
        CompatibilityResult result = previous.isEmpty() ? CompatibilityResult.COMPATIBLE
                : checker.check(mode, candidate, previous);
        if (!result.isCompatible()) {
            throw incompatible(name, mode, result);
        }
        SchemaDiff diff = previous.isEmpty() ? null : FieldDiffs.diff(previous.getLast(), candidate);
        SchemaStatus status = diff == null ? SchemaStatus.ACTIVE : diff.newVersionStatus();
        SchemaVersion model = candidate.withStatus(status);
        String diffJson = diff == null ? "{}" : FieldDiffs.toJson(diff);
        // Round trip 2: the version row, for its id.
        Rows.VersionRow row = versions.save(new Rows.VersionRow(null, subject.id(), next, draft.fingerprint(),
                draft.format().name(), draft.schemaText(), draft.ruleSetText(), CanonicalCodec.toJson(model), diffJson,
                status.name(), mode.name(), null, false, now, actor));
        models.put(row.id(), model);
        List<Rows.FieldRow> fields = new ArrayList<>();
        for (Field f : model.flatten().values()) {
            fields.add(new Rows.FieldRow(null, row.id(), f.path(), f.type().name(), f.required(), f.pii().name(), f.doc()));
        }
        List<Long> deprecate = new ArrayList<>();
        List<RegistrySql.Audit> auditRows = new ArrayList<>();
        List<RegistrySql.Event> outboxEvents = new ArrayList<>();
        for (Rows.VersionHead prior : live) {
            if (!prior.status().equals(SchemaStatus.DEPRECATED.name())) {
                deprecate.add(prior.id());
                if (prior.status().equals(SchemaStatus.BREAKING.name())) {
                    auditRows.add(new RegistrySql.Audit("RESOLVE_BY_FIX", prior.version(), "superseded by version " + next,
                            CanonicalCodec.write(detail("status", "DEPRECATED").put("fixVersion", next))));
                }
                outboxEvents.add(new RegistrySql.Event(events.changedTopic(),
                        changeEvent(now, "STATUS_CHANGED", name, prior.id(), prior.version(), SchemaStatus.DEPRECATED)));
            }
        }
        ObjectNode detail = detail("id", row.id()).put("fingerprint", draft.fingerprint())
                .put("schemaType", draft.format().name()).put("status", status.name()).put("compatibility", mode.name());
        if (diff != null) {
            detail.set("fieldDiff", FieldDiffs.toNode(diff));
        }
        auditRows.add(new RegistrySql.Audit("REGISTER", next, null, CanonicalCodec.write(detail)));
        outboxEvents.add(new RegistrySql.Event(events.changedTopic(),
                changeEvent(now, "VERSION_REGISTERED", name, row.id(), next, status)));
        if (status == SchemaStatus.BREAKING) {
            ObjectNode alert = CanonicalCodec.MAPPER.createObjectNode();
            alert.put("type", "SCHEMA_BREAKING");
            alert.put("subject", name);
            alert.put("version", next);
            alert.put("id", row.id());
            alert.put("at", now.toString());
            alert.put("message", "Version " + next + " of " + name + " removes or renames fields of version "
                    + previous.getLast().version() + "; promotion is held until it is resolved");
            alert.set("diff", FieldDiffs.toNode(diff));
            outboxEvents.add(new RegistrySql.Event(events.alertsTopic(), CanonicalCodec.write(alert)));
        }
        // Round trip 3: field rows, earlier versions' status, audit rows and outbox events together.
        sql.writeChange(row.id(), fields, deprecate, now, actor, name, auditRows, outboxEvents);
        return new Registration(stored(row, name), true);
    }

    private RegistryException incompatible(String subject, CompatibilityMode mode, CompatibilityResult result) {
        List<Incompatibility> all = result.incompatibilities();
        StringBuilder sb = new StringBuilder("Schema being registered is incompatible with an earlier schema for subject '")
                .append(subject).append("' under ").append(mode).append(": ").append(all.size())
                .append(all.size() == 1 ? " incompatibility" : " incompatibilities").append(": ");
        for (int i = 0; i < Math.min(all.size(), MAX_LISTED_INCOMPATIBILITIES); i++) {
            Incompatibility inc = all.get(i);
            sb.append(i == 0 ? "" : "; ").append('[').append(inc.rule()).append(" at ").append(inc.path())
                    .append(" against version ").append(inc.againstVersion()).append("] ").append(inc.message());
        }
        return new RegistryException(RegistryError.INCOMPATIBLE_SCHEMA, sb.toString(), all);
    }

    /** Checks {@code draft} against the subject's live versions without registering (Confluent's compatibility endpoint). */
    CompatibilityResult check(SchemaParser.Draft draft, String versionSpec) {
        String name = draft.model().subject().name();
        Rows.SubjectRow subject = subject(name);
        List<Rows.VersionHead> live = liveHeads(subject);
        List<SchemaVersion> against;
        CompatibilityMode mode = effectiveMode(subject);
        if (versionSpec.equals("latest")) {
            if (live.isEmpty()) {
                throw new RegistryException(RegistryError.VERSION_NOT_FOUND, "Subject '" + name + "' has no live version");
            }
            against = models(live);
        } else {
            int v = parseVersion(versionSpec);
            Rows.VersionHead head = live.stream().filter(r -> r.version() == v).findFirst().orElseThrow(() ->
                    new RegistryException(RegistryError.VERSION_NOT_FOUND, "Version " + v + " of subject '" + name + "' not found"));
            against = models(List.of(head));
        }
        int next = live.isEmpty() ? 1 : live.getLast().version() + 1;
        return checker.check(mode, draft.model().withVersion(next).withCompatibility(mode), against);
    }

    @Transactional
    int delete(String name, String versionSpec, String actor) {
        Instant now = clock.instant();
        Rows.SubjectRow subject = subject(name);
        Rows.VersionRow row = liveRow(subject, versionSpec);
        versions.markDeleted(row.id());
        audit(now, actor, "SOFT_DELETE", name, row.version(), null, detail("id", row.id()));
        changed(now, "VERSION_DELETED", name, row.id(), row.version(), SchemaStatus.valueOf(row.status()));
        return row.version();
    }

    @Transactional
    StoredVersion resolve(String name, String versionSpec, String reason, String actor) {
        if (reason == null || reason.isBlank()) {
            throw new RegistryException(RegistryError.INVALID_REQUEST,
                    "Resolving a BREAKING version needs a written reason: send {\"reason\": \"...\"}");
        }
        Instant now = clock.instant();
        Rows.SubjectRow subject = subject(name);
        Rows.VersionRow row = liveRow(subject, versionSpec);
        if (!row.status().equals(SchemaStatus.BREAKING.name())) {
            throw new RegistryException(RegistryError.NOT_BREAKING, "Version " + row.version() + " of subject '" + name
                    + "' is " + row.status() + ", not BREAKING: there is nothing to resolve");
        }
        versions.updateStatus(row.id(), SchemaStatus.ACTIVE.name());
        audit(now, actor, "RESOLVE_ACCEPT", name, row.version(), reason, detail("from", "BREAKING").put("to", "ACTIVE"));
        changed(now, "STATUS_CHANGED", name, row.id(), row.version(), SchemaStatus.ACTIVE);
        return stored(row.withStatus(SchemaStatus.ACTIVE.name()), name);
    }

    CompatibilityMode globalMode() {
        return configs.findById((short) 1).map(c -> CompatibilityMode.valueOf(c.compatibility()))
                .orElse(config.defaultCompatibility());
    }

    @Transactional
    CompatibilityMode setGlobalMode(CompatibilityMode mode, String actor) {
        Instant now = clock.instant();
        Rows.ConfigRow row = new Rows.ConfigRow((short) 1, mode.name(), now);
        if (configs.existsById((short) 1)) {
            configs.update(row);
        } else {
            configs.save(row);
        }
        audit(now, actor, "SET_GLOBAL_COMPATIBILITY", null, null, null, detail("compatibility", mode.name()));
        return mode;
    }

    Optional<CompatibilityMode> subjectMode(String name) {
        Rows.SubjectRow subject = subjects.findByName(name).orElseThrow(() -> subjectNotFound(name));
        return Optional.ofNullable(subject.compatibility()).map(CompatibilityMode::valueOf);
    }

    @Transactional
    CompatibilityMode setSubjectMode(String name, CompatibilityMode mode, String actor) {
        SchemaParser.subject(name);
        Instant now = clock.instant();
        subjects.insertIfAbsent(name, now);
        Rows.SubjectRow subject = subjects.lockByName(name).orElseThrow();
        subjects.updateCompatibility(subject.id(), mode == null ? null : mode.name());
        audit(now, actor, "SET_SUBJECT_COMPATIBILITY", name, null, null,
                detail("compatibility", mode == null ? "(global)" : mode.name()));
        return mode;
    }

    List<String> subjectNames(boolean includeDeleted) {
        List<String> out = new ArrayList<>();
        for (Rows.SubjectRow s : subjects.findAllOrderByName()) {
            List<Rows.VersionHead> rows = versions.headsBySubjectId(s.id());
            if (rows.stream().anyMatch(r -> includeDeleted || !r.deleted())) {
                out.add(s.name());
            }
        }
        return out;
    }

    List<Integer> versionNumbers(String name, boolean includeDeleted) {
        Rows.SubjectRow subject = subject(name);
        List<Integer> out = versions.headsBySubjectId(subject.id()).stream()
                .filter(r -> includeDeleted || !r.deleted()).map(Rows.VersionHead::version).toList();
        if (out.isEmpty()) {
            throw subjectNotFound(name);
        }
        return out;
    }

    StoredVersion version(String name, String versionSpec) {
        return stored(liveRow(subject(name), versionSpec), name);
    }

    /** The version of {@code name} numbered {@code version}, soft-deleted or not. */
    Optional<StoredVersion> anyVersion(String name, int version) {
        return subjects.findByName(name).flatMap(s -> versions.findBySubjectIdAndVersion(s.id(), version))
                .map(r -> stored(r, name));
    }

    /** The latest live version of {@code name}, if any. */
    Optional<StoredVersion> latest(String name) {
        return subjects.findByName(name).flatMap(s -> {
            List<Rows.VersionHead> live = liveHeads(s);
            return live.isEmpty() ? Optional.empty() : versions.findById(live.getLast().id()).map(r -> stored(r, name));
        });
    }

    Optional<StoredVersion> byId(long id) {
        return versions.findById(id).map(r -> stored(r, subjects.findById(r.subjectId()).orElseThrow().name()));
    }

    StoredVersion lookup(SchemaParser.Draft draft) {
        String name = draft.model().subject().name();
        Rows.SubjectRow subject = subject(name);
        return liveHeads(subject).stream()
                .filter(r -> r.fingerprint().equals(draft.fingerprint()) && r.schemaType().equals(draft.format().name()))
                .findFirst().flatMap(h -> versions.findById(h.id())).map(r -> stored(r, name))
                .orElseThrow(() -> new RegistryException(RegistryError.SCHEMA_NOT_FOUND,
                        "Schema not found in subject '" + name + "': no live version has fingerprint " + draft.fingerprint()));
    }

    List<Rows.AuditRow> audit(String name) {
        return audits.findBySubjectOrderById(name);
    }

    boolean hasAnyVersion(String name) {
        return subjects.findByName(name).map(s -> !versions.headsBySubjectId(s.id()).isEmpty()).orElse(false);
    }

    /** Sends one outbox event; throws when the broker did not acknowledge it. */
    interface Sender {
        void send(String topic, String key, String payload) throws Exception;
    }

    /**
     * Publishes up to 100 pending outbox events in id order and marks them published, in one
     * transaction; rows are locked with SKIP LOCKED so that several registry instances can relay
     * at once. A failed send rolls the marks back: delivery is at least once.
     */
    @Transactional
    int publishPending(Sender sender) {
        List<Rows.OutboxRow> rows = outbox.lockPending();
        for (Rows.OutboxRow row : rows) {
            try {
                sender.send(row.topic(), row.msgKey(), row.payload());
            } catch (Exception e) {
                throw new IllegalStateException("Cannot publish outbox event " + row.id() + " to " + row.topic()
                        + ": " + e.getMessage(), e);
            }
            outbox.markPublished(row.id(), clock.instant());
        }
        return rows.size();
    }

    // ---------------------------------------------------------------------------------------------

    private CompatibilityMode effectiveMode(Rows.SubjectRow subject) {
        return subject.compatibility() != null ? CompatibilityMode.valueOf(subject.compatibility()) : globalMode();
    }

    private Rows.SubjectRow subject(String name) {
        SchemaParser.subject(name);
        return subjects.findByName(name).orElseThrow(() -> subjectNotFound(name));
    }

    private static RegistryException subjectNotFound(String name) {
        return new RegistryException(RegistryError.SUBJECT_NOT_FOUND, "Subject '" + name + "' not found");
    }

    /** The heads of the live versions, oldest first: no schema text or canonical JSON is read. */
    private List<Rows.VersionHead> liveHeads(Rows.SubjectRow subject) {
        return versions.headsBySubjectId(subject.id()).stream().filter(r -> !r.deleted()).toList();
    }

    /** The one live version {@code versionSpec} names, read in full; the others are read as heads only. */
    private Rows.VersionRow liveRow(Rows.SubjectRow subject, String versionSpec) {
        List<Rows.VersionHead> live = liveHeads(subject);
        Rows.VersionHead head;
        if (versionSpec.equals("latest") || versionSpec.equals("-1")) {
            if (live.isEmpty()) {
                throw subjectNotFound(subject.name());
            }
            head = live.getLast();
        } else {
            int v = parseVersion(versionSpec);
            head = live.stream().filter(r -> r.version() == v).findFirst().orElseThrow(() -> new RegistryException(
                    RegistryError.VERSION_NOT_FOUND, "Version " + v + " of subject '" + subject.name() + "' not found"));
        }
        return versions.findById(head.id()).orElseThrow();
    }

    static int parseVersion(String spec) {
        try {
            int v = Integer.parseInt(spec);
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new RegistryException(RegistryError.INVALID_VERSION, "The specified version '" + spec
                + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    /**
     * The parsed models of {@code heads}, in order, each with its head's status. Parsed models are
     * cached by id (a version's canonical text never changes); the ones missing from the cache are
     * read in one query, never one query per version.
     */
    private List<SchemaVersion> models(List<Rows.VersionHead> heads) {
        List<Long> missing = new ArrayList<>();
        for (Rows.VersionHead h : heads) {
            if (!models.containsKey(h.id())) {
                missing.add(h.id());
            }
        }
        if (!missing.isEmpty()) {
            sql.canonicals(missing).forEach((id, canonical) -> models.putIfAbsent(id, CanonicalCodec.fromJson(canonical)));
        }
        List<SchemaVersion> out = new ArrayList<>(heads.size());
        for (Rows.VersionHead h : heads) {
            out.add(withStatus(h.id(), models.get(h.id()), h.status()));
        }
        return out;
    }

    private SchemaVersion model(Rows.VersionRow row, String name) {
        return withStatus(row.id(), models.computeIfAbsent(row.id(), id -> CanonicalCodec.fromJson(row.canonical())), row.status());
    }

    /** {@code cached} with {@code status}; the cache keeps the last status seen, so an unchanged version is not copied again. */
    private SchemaVersion withStatus(long id, SchemaVersion cached, String status) {
        if (cached == null) {
            throw new IllegalStateException("Schema version " + id + " has no canonical model");
        }
        SchemaStatus s = SchemaStatus.valueOf(status);
        if (cached.status() == s) {
            return cached;
        }
        SchemaVersion updated = cached.withStatus(s);
        models.put(id, updated);
        return updated;
    }

    private StoredVersion stored(Rows.VersionRow row, String name) {
        return new StoredVersion(row.id(), model(row, name), SchemaFormat.valueOf(row.schemaType()), row.schemaText(),
                row.ruleSet(), row.fingerprint(), row.fieldDiff(), row.promotedAt(), row.deleted(), row.createdAt(),
                row.createdBy());
    }

    private void audit(Instant at, String actor, String action, String subject, Integer version, String reason, ObjectNode detail) {
        audits.save(new Rows.AuditRow(null, at, actor, action, subject, version, reason, CanonicalCodec.write(detail)));
    }

    private void changed(Instant at, String type, String subject, long id, int version, SchemaStatus status) {
        outbox.save(new Rows.OutboxRow(null, events.changedTopic(), subject, changeEvent(at, type, subject, id, version, status),
                at, null));
    }

    private static String changeEvent(Instant at, String type, String subject, long id, int version, SchemaStatus status) {
        ObjectNode event = CanonicalCodec.MAPPER.createObjectNode();
        event.put("type", type);
        event.put("subject", subject);
        event.put("version", version);
        event.put("id", id);
        event.put("status", status.name());
        event.put("at", at.toString());
        return CanonicalCodec.write(event);
    }

    private static ObjectNode detail(String key, Object value) {
        ObjectNode n = CanonicalCodec.MAPPER.createObjectNode();
        n.putPOJO(key, value);
        if (value instanceof Number num) {
            n.put(key, num.longValue());
        } else {
            n.put(key, String.valueOf(value));
        }
        return n;
    }

    static ArrayNode incompatibilitiesJson(List<Incompatibility> list) {
        ArrayNode arr = CanonicalCodec.MAPPER.createArrayNode();
        for (Incompatibility i : list) {
            ObjectNode n = arr.addObject();
            n.put("path", i.path());
            n.put("oldType", i.oldType());
            n.put("newType", i.newType());
            n.put("rule", i.rule().name());
            n.put("againstVersion", i.againstVersion());
            n.put("message", i.message());
        }
        return arr;
    }
}
