package dev.sluice.domain.model.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One version of a subject's schema in the canonical model.
 *
 * @param subject what the schema describes
 * @param version 1, 2, 3, ... within the subject
 * @param fields the top-level fields
 * @param rules cross-field rules
 * @param closed whether top-level members not in {@code fields} are refused
 * @param status ACTIVE, DEPRECATED or BREAKING
 * @param compatibility the mode new versions of this subject are checked with
 * @param doc human documentation, may be empty
 */
public record SchemaVersion(
        Subject subject,
        int version,
        List<Field> fields,
        List<Rule> rules,
        boolean closed,
        SchemaStatus status,
        CompatibilityMode compatibility,
        String doc) {

    public SchemaVersion {
        requireNonNull(subject, "subject is null");
        if (version < 1) {
            throw new IllegalArgumentException("Schema " + subject + " version must be 1 or more, got " + version);
        }
        fields = List.copyOf(requireNonNull(fields, "fields is null"));
        rules = List.copyOf(requireNonNull(rules, "rules is null"));
        requireNonNull(status, "status is null");
        requireNonNull(compatibility, "compatibility is null");
        doc = doc == null ? "" : doc;
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Field f : fields) {
            if (f.path().contains(".")) {
                throw new IllegalArgumentException("top-level field '" + f.path() + "' of " + subject + " has a dotted path");
            }
            if (!names.add(f.name())) {
                throw new IllegalArgumentException("Schema " + subject + " has field '" + f.name() + "' twice");
            }
        }
        java.util.Set<String> ruleIds = new java.util.HashSet<>();
        for (Rule r : rules) {
            if (!ruleIds.add(r.id())) {
                throw new IllegalArgumentException("Schema " + subject + " has rule '" + r.id() + "' twice");
            }
        }
    }

    /** An ACTIVE, open, BACKWARD schema with no rules. */
    public static SchemaVersion of(Subject subject, int version, List<Field> fields) {
        return new SchemaVersion(subject, version, fields, List.of(), false, SchemaStatus.ACTIVE,
                CompatibilityMode.BACKWARD, "");
    }

    public Optional<Field> field(String name) {
        for (Field f : fields) {
            if (f.name().equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** Every field of the tree keyed by its path, parents before children, list elements as {@code path[]}. */
    public Map<String, Field> flatten() {
        Map<String, Field> out = new LinkedHashMap<>();
        for (Field f : fields) {
            flattenInto(f, out);
        }
        return out;
    }

    private static void flattenInto(Field f, Map<String, Field> out) {
        out.put(f.path(), f);
        for (Field c : f.children()) {
            flattenInto(c, out);
        }
        if (f.element() != null) {
            flattenInto(f.element(), out);
        }
    }

    public SchemaVersion withVersion(int newVersion) {
        return new SchemaVersion(subject, newVersion, fields, rules, closed, status, compatibility, doc);
    }

    public SchemaVersion withStatus(SchemaStatus newStatus) {
        return new SchemaVersion(subject, version, fields, rules, closed, newStatus, compatibility, doc);
    }

    public SchemaVersion withCompatibility(CompatibilityMode mode) {
        return new SchemaVersion(subject, version, fields, rules, closed, status, mode, doc);
    }

    public SchemaVersion withRules(List<Rule> newRules) {
        return new SchemaVersion(subject, version, fields, newRules, closed, status, compatibility, doc);
    }

    public SchemaVersion withClosed(boolean newClosed) {
        return new SchemaVersion(subject, version, fields, rules, newClosed, status, compatibility, doc);
    }
}
