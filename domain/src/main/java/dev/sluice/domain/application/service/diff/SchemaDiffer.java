package dev.sluice.domain.application.service.diff;

import dev.sluice.domain.application.service.compatibility.TypeReadability;
import dev.sluice.domain.model.profile.FieldStats;
import dev.sluice.domain.model.schema.Field;
import dev.sluice.domain.model.schema.FieldType;
import dev.sluice.domain.model.schema.SchemaVersion;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Computes the {@link SchemaDiff} between two versions of a schema and detects renames. Pure and
 * thread-safe.
 *
 * <p>At each level of the field tree (the root, each STRUCT, each LIST or MAP element):
 * <ol>
 *   <li>fields with the same name are the same field;</li>
 *   <li>a new field that lists an unmatched old name in its aliases is a declared rename;</li>
 *   <li>among the remaining old and new fields of the same type, pairs whose similarity reaches the
 *       threshold are inferred renames, best pairs first, each field used once. Similarity is
 *       {@link NameSimilarity} alone when no profile is known, and
 *       {@code 0.7 * name + 0.3 * profile} ({@link StatsSimilarity}) when both profiles are known; a
 *       rename needs a combined score of at least {@value #RENAME_THRESHOLD} and a name score of at
 *       least {@value #MIN_NAME_SCORE};</li>
 *   <li>what is left is added or removed (the fields under an added or removed STRUCT are not
 *       listed separately);</li>
 *   <li>matched and renamed pairs report a type change and an optional field becoming required, and
 *       are compared recursively.</li>
 * </ol>
 */
public final class SchemaDiffer {

    /** The combined score an inferred rename needs. */
    public static final double RENAME_THRESHOLD = 0.7;
    /** The name score an inferred rename needs even when the profiles agree perfectly. */
    public static final double MIN_NAME_SCORE = 0.6;

    private static final double NAME_WEIGHT = 0.7;

    public SchemaDiff diff(SchemaVersion from, SchemaVersion to) {
        return diff(from, to, Map.of(), Map.of());
    }

    /**
     * The diff from {@code from} to {@code to}, using profile statistics where known.
     *
     * @param fromStats profiles of {@code from}'s fields keyed by path; may be empty
     * @param toStats profiles of {@code to}'s fields keyed by path; may be empty
     */
    public SchemaDiff diff(SchemaVersion from, SchemaVersion to, Map<String, FieldStats> fromStats,
            Map<String, FieldStats> toStats) {
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        requireNonNull(fromStats, "fromStats is null");
        requireNonNull(toStats, "toStats is null");
        Run run = new Run(fromStats, toStats);
        run.level(from.fields(), to.fields());
        return new SchemaDiff(from.version(), to.version(), run.added, run.removed, run.renamed, run.typeChanged,
                run.nowRequired);
    }

    private static final class Run {
        final Map<String, FieldStats> fromStats;
        final Map<String, FieldStats> toStats;
        final List<FieldChange.Added> added = new ArrayList<>();
        final List<FieldChange.Removed> removed = new ArrayList<>();
        final List<FieldChange.Renamed> renamed = new ArrayList<>();
        final List<FieldChange.TypeChanged> typeChanged = new ArrayList<>();
        final List<FieldChange.NowRequired> nowRequired = new ArrayList<>();

        Run(Map<String, FieldStats> fromStats, Map<String, FieldStats> toStats) {
            this.fromStats = fromStats;
            this.toStats = toStats;
        }

        void level(List<Field> olds, List<Field> news) {
            Map<String, Field> unmatchedOld = new LinkedHashMap<>();
            for (Field o : olds) {
                unmatchedOld.put(o.name(), o);
            }
            Map<Field, Field> pairs = new LinkedHashMap<>(); // new -> old
            List<Field> unmatchedNew = new ArrayList<>();
            for (Field n : news) {
                Field o = unmatchedOld.remove(n.name());
                if (o != null) {
                    pairs.put(n, o);
                } else {
                    unmatchedNew.add(n);
                }
            }
            for (var it = unmatchedNew.iterator(); it.hasNext(); ) {
                Field n = it.next();
                for (String alias : n.aliases()) {
                    Field o = unmatchedOld.remove(alias);
                    if (o != null) {
                        renamed.add(new FieldChange.Renamed(o.path(), n.path(), n.type(), true, 1.0));
                        pairs.put(n, o);
                        it.remove();
                        break;
                    }
                }
            }
            inferRenames(unmatchedOld, unmatchedNew, pairs);
            for (Field n : news) {
                Field o = pairs.get(n);
                if (o != null) {
                    compare(o, n);
                } else {
                    added.add(new FieldChange.Added(n.path(), n.type(), n.required()));
                }
            }
            for (Field o : unmatchedOld.values()) {
                removed.add(new FieldChange.Removed(o.path(), o.type()));
            }
        }

        private void inferRenames(Map<String, Field> unmatchedOld, List<Field> unmatchedNew, Map<Field, Field> pairs) {
            record Candidate(Field old, Field neu, double score) {
            }
            List<Candidate> candidates = new ArrayList<>();
            for (Field o : unmatchedOld.values()) {
                for (Field n : unmatchedNew) {
                    if (o.type() != n.type()) {
                        continue;
                    }
                    double name = NameSimilarity.similarity(o.name(), n.name());
                    if (name < MIN_NAME_SCORE) {
                        continue;
                    }
                    double stats = StatsSimilarity.similarity(fromStats.get(o.path()), toStats.get(n.path()));
                    double score = Double.isNaN(stats) ? name : NAME_WEIGHT * name + (1 - NAME_WEIGHT) * stats;
                    if (score >= RENAME_THRESHOLD) {
                        candidates.add(new Candidate(o, n, Math.min(1.0, score)));
                    }
                }
            }
            candidates.sort(Comparator.comparingDouble(Candidate::score).reversed()
                    .thenComparing(c -> c.old().path()).thenComparing(c -> c.neu().path()));
            for (Candidate c : candidates) {
                if (unmatchedOld.get(c.old().name()) == c.old() && unmatchedNew.contains(c.neu())) {
                    unmatchedOld.remove(c.old().name());
                    unmatchedNew.remove(c.neu());
                    pairs.put(c.neu(), c.old());
                    renamed.add(new FieldChange.Renamed(c.old().path(), c.neu().path(), c.neu().type(), false, c.score()));
                }
            }
        }

        private void compare(Field o, Field n) {
            if (o.type() != n.type()) {
                typeChanged.add(new FieldChange.TypeChanged(n.path(), o.type(), n.type(),
                        TypeReadability.canRead(n.type(), o.type())));
                return;
            }
            if (!o.required() && n.required()) {
                nowRequired.add(new FieldChange.NowRequired(n.path(), n.type()));
            }
            if (n.type() == FieldType.STRUCT) {
                level(o.children(), n.children());
            } else if (n.element() != null) {
                compare(o.element(), n.element());
            }
        }
    }
}
