package dev.sluice.domain.model.profile;

import dev.sluice.domain.model.schema.CompatibilityMode;
import dev.sluice.domain.model.schema.Field;
import dev.sluice.domain.model.schema.FieldType;
import dev.sluice.domain.model.schema.SchemaStatus;
import dev.sluice.domain.model.schema.SchemaVersion;
import dev.sluice.domain.model.schema.Subject;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What profiling a stream of documents or rows inferred: per-path profiles from which the field
 * tree and statistics derive, plus what had to be skipped.
 *
 * <p>A member is <em>required</em> when it was present and non-null in every object that could hold
 * it (every document for a top-level member, every non-null parent object for a nested one), and
 * optional otherwise. An array element is required when no element was null.
 *
 * @param documents well-formed documents (or CSV rows) profiled
 * @param malformed malformed documents (or rows) skipped
 * @param errors the first of those errors, with their positions (a bounded sample)
 * @param overflowValues member values dropped because the path limit was reached
 * @param skippedMembers members left out because their name cannot be a field name
 *                       (empty, or holding '.', '[', ']', '{' or '}')
 * @param paths the profile of every path, each parent before its children
 */
public record ProfileResult(
        long documents,
        long malformed,
        List<ProfileError> errors,
        long overflowValues,
        long skippedMembers,
        Map<String, PathProfile> paths) {

    /** How many errors a merged result keeps as a sample. */
    public static final int MAX_ERROR_SAMPLES = 100;

    public static final ProfileResult EMPTY = new ProfileResult(0, 0, List.of(), 0, 0, Map.of());

    public ProfileResult {
        requireNonNull(errors, "errors is null");
        requireNonNull(paths, "paths is null");
        errors = List.copyOf(errors);
        if (documents < 0 || malformed < 0 || overflowValues < 0 || skippedMembers < 0) {
            throw new IllegalArgumentException("counts must not be negative: documents " + documents + ", malformed "
                    + malformed + ", overflowValues " + overflowValues + ", skippedMembers " + skippedMembers);
        }
        if (errors.size() > malformed) {
            throw new IllegalArgumentException(errors.size() + " error samples for only " + malformed + " malformed documents");
        }
        LinkedHashMap<String, PathProfile> copy = new LinkedHashMap<>();
        for (Map.Entry<String, PathProfile> e : paths.entrySet()) {
            PathProfile p = requireNonNull(e.getValue(), () -> "profile of " + e.getKey() + " is null");
            if (!p.path().equals(e.getKey())) {
                throw new IllegalArgumentException("profile of " + p.path() + " is keyed as " + e.getKey());
            }
            String parent = p.parentPath();
            if (!parent.isEmpty() && !copy.containsKey(parent)) {
                throw new IllegalArgumentException("path " + p.path() + " comes before (or without) its parent " + parent);
            }
            if (parent.isEmpty() && p.present() > documents) {
                throw new IllegalArgumentException("top-level path " + p.path() + " is present " + p.present()
                        + " times in " + documents + " documents");
            }
            copy.put(e.getKey(), p);
        }
        paths = Collections.unmodifiableMap(copy);
    }

    /** The statistics of every path, in path order. */
    public Map<String, FieldStats> stats() {
        LinkedHashMap<String, FieldStats> out = new LinkedHashMap<>();
        paths.forEach((path, p) -> out.put(path, p.toStats()));
        return Collections.unmodifiableMap(out);
    }

    public Optional<FieldStats> stats(String path) {
        return Optional.ofNullable(paths.get(path)).map(PathProfile::toStats);
    }

    /** The inferred top-level fields: open STRUCTs, no constraints, PII NONE. */
    public List<Field> fields() {
        Map<String, List<PathProfile>> membersByParent = new LinkedHashMap<>();
        for (PathProfile p : paths.values()) {
            if (!p.isElement()) {
                membersByParent.computeIfAbsent(p.parentPath(), k -> new ArrayList<>()).add(p);
            }
        }
        List<Field> out = new ArrayList<>();
        for (PathProfile p : membersByParent.getOrDefault("", List.of())) {
            out.add(member(p, documents, membersByParent));
        }
        return List.copyOf(out);
    }

    private Field member(PathProfile p, long holders, Map<String, List<PathProfile>> membersByParent) {
        boolean required = holders > 0 && p.present() == holders && p.nulls() == 0;
        return build(p, required, membersByParent);
    }

    private Field build(PathProfile p, boolean required, Map<String, List<PathProfile>> membersByParent) {
        FieldType type = p.type();
        Field.Builder b = Field.builder(p.path(), type).required(required);
        if (type == FieldType.STRUCT) {
            List<Field> children = new ArrayList<>();
            for (PathProfile c : membersByParent.getOrDefault(p.path(), List.of())) {
                children.add(member(c, p.objects(), membersByParent));
            }
            b.children(children);
        } else if (type == FieldType.LIST) {
            PathProfile element = paths.get(p.path() + "[]");
            b.element(element == null
                    ? Field.optional(p.path() + "[]", p.textual() ? FieldType.STRING : FieldType.JSON)
                    : build(element, element.nulls() == 0, membersByParent));
        }
        return b.build();
    }

    /** A candidate schema for {@code subject}: ACTIVE, open, BACKWARD, with the inferred fields. */
    public SchemaVersion toSchemaVersion(Subject subject, int version) {
        return new SchemaVersion(subject, version, fields(), List.of(), false, SchemaStatus.ACTIVE,
                CompatibilityMode.BACKWARD,
                "Inferred by profiling " + documents + " documents (" + malformed + " malformed skipped).");
    }

    /**
     * The profile of both inputs together (union-by-default): every path of either, counts added,
     * shapes united, sketches merged. A member seen in only one input is optional in the union,
     * because the other input's documents lacked it. Sketch precisions must match.
     */
    public ProfileResult merge(ProfileResult other) {
        requireNonNull(other, "other is null");
        LinkedHashMap<String, PathProfile> merged = new LinkedHashMap<>(paths);
        for (PathProfile p : other.paths.values()) {
            merged.merge(p.path(), p, PathProfile::merge);
        }
        List<ProfileError> sample = new ArrayList<>(errors);
        for (ProfileError e : other.errors) {
            if (sample.size() >= MAX_ERROR_SAMPLES) {
                break;
            }
            sample.add(e);
        }
        return new ProfileResult(documents + other.documents, malformed + other.malformed, sample,
                overflowValues + other.overflowValues, skippedMembers + other.skippedMembers, merged);
    }
}
