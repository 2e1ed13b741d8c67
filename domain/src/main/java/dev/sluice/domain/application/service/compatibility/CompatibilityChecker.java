package dev.sluice.domain.application.service.compatibility;

import dev.sluice.domain.model.schema.CompatibilityMode;
import dev.sluice.domain.model.schema.Constraints;
import dev.sluice.domain.model.schema.Field;
import dev.sluice.domain.model.schema.Format;
import dev.sluice.domain.model.schema.SchemaVersion;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Checks a candidate schema against earlier versions under one of the seven compatibility modes,
 * with Confluent Schema Registry's semantics. Pure and thread-safe.
 *
 * <p>The core is {@link #canRead(SchemaVersion, SchemaVersion)}: can a reader of one version read
 * every record written with another? The modes combine it:
 * <ul>
 *   <li>BACKWARD: the candidate reads the previous version's records;</li>
 *   <li>FORWARD: the previous version reads the candidate's records;</li>
 *   <li>FULL: both;</li>
 *   <li>the {@code _TRANSITIVE} variants check every previous version, the others only the latest;</li>
 *   <li>NONE: no check.</li>
 * </ul>
 *
 * <p>A reader can read a writer's records when, at every level of the field tree:
 * <ol>
 *   <li>every field the reader requires without a default exists in the writer (by name or alias),
 *       and the writer requires it too;</li>
 *   <li>each field's type is readable: the same type, a safe widening (LONG to DOUBLE, UUID or DATE
 *       to STRING, anything to JSON), with STRUCT, LIST and MAP compared recursively;</li>
 *   <li>the reader's constraints are no narrower than the writer's: enum values, minimum, maximum,
 *       minimum and maximum length, format, and pattern (any pattern change counts);</li>
 *   <li>a closed reader lists every member the writer may produce: the writer is closed too, and
 *       every writer field is matched by a reader field.</li>
 * </ol>
 * Every incompatibility is reported, not only the first. Cross-field rules are not compared.
 */
public final class CompatibilityChecker {

    /**
     * Checks {@code candidate} against {@code previous} under {@code mode}.
     *
     * @param previous earlier versions, oldest first; non-transitive modes use only the last one
     * @return every incompatibility, each naming the version it was found against
     */
    public CompatibilityResult check(CompatibilityMode mode, SchemaVersion candidate, List<SchemaVersion> previous) {
        requireNonNull(mode, "mode is null");
        requireNonNull(candidate, "candidate is null");
        requireNonNull(previous, "previous is null");
        if (mode == CompatibilityMode.NONE || previous.isEmpty()) {
            return CompatibilityResult.COMPATIBLE;
        }
        List<SchemaVersion> targets = mode.isTransitive() ? previous : List.of(previous.getLast());
        List<Incompatibility> found = new ArrayList<>();
        for (SchemaVersion earlier : targets) {
            requireNonNull(earlier, "previous contains null");
            if (mode.checksBackward()) {
                new Comparison(candidate, earlier, earlier.version(), true, found).run();
            }
            if (mode.checksForward()) {
                new Comparison(earlier, candidate, earlier.version(), false, found).run();
            }
        }
        return found.isEmpty() ? CompatibilityResult.COMPATIBLE : new CompatibilityResult(found);
    }

    /**
     * Whether {@code reader} can read every record written with {@code writer}. The newer of the
     * two (by version number, the reader when equal) is taken as the candidate: incompatibilities
     * name the older version in {@link Incompatibility#againstVersion()}, and their old and new types
     * are the older and newer version's types.
     */
    public CompatibilityResult canRead(SchemaVersion reader, SchemaVersion writer) {
        requireNonNull(reader, "reader is null");
        requireNonNull(writer, "writer is null");
        boolean readerIsCandidate = reader.version() >= writer.version();
        int against = readerIsCandidate ? writer.version() : reader.version();
        List<Incompatibility> found = new ArrayList<>();
        new Comparison(reader, writer, against, readerIsCandidate, found).run();
        return found.isEmpty() ? CompatibilityResult.COMPATIBLE : new CompatibilityResult(found);
    }

    /** One reader/writer comparison; collects into {@code out}. */
    private static final class Comparison {
        private final int readerVersion;
        private final int writerVersion;
        private final int against;
        /** True when the reader is the candidate (BACKWARD), false when the writer is (FORWARD). */
        private final boolean readerIsCandidate;
        private final SchemaVersion reader;
        private final SchemaVersion writer;
        private final List<Incompatibility> out;

        Comparison(SchemaVersion reader, SchemaVersion writer, int against, boolean readerIsCandidate,
                List<Incompatibility> out) {
            this.reader = reader;
            this.writer = writer;
            this.readerVersion = reader.version();
            this.writerVersion = writer.version();
            this.against = against;
            this.readerIsCandidate = readerIsCandidate;
            this.out = out;
        }

        void run() {
            compareMembers("$", reader.fields(), reader.closed(), writer.fields(), writer.closed());
        }

        /** Compares the members of two objects (the roots, or two STRUCT fields at {@code where}). */
        private void compareMembers(String where, List<Field> readerFields, boolean readerClosed,
                List<Field> writerFields, boolean writerClosed) {
            Set<String> matchedWriterNames = new HashSet<>();
            Set<String> readerNames = new HashSet<>();
            for (Field r : readerFields) {
                readerNames.add(r.name());
            }
            for (Field r : readerFields) {
                Field w = findWriterField(r, writerFields, readerNames);
                if (w == null) {
                    missingInWriter(r);
                } else {
                    matchedWriterNames.add(w.name());
                    compareField(r, w);
                }
            }
            if (readerClosed) {
                if (!writerClosed) {
                    add(where, null, null, IncompatibilityRule.CLOSED_CONTENT_MODEL,
                            (where.equals("$") ? "Version " + readerVersion + " is closed"
                                    : "Field '" + where + "' is closed in version " + readerVersion)
                                    + " but open in version " + writerVersion + ": a reader of version "
                                    + readerVersion + " refuses the members version " + writerVersion
                                    + " may write that it does not list");
                }
                for (Field w : writerFields) {
                    if (!matchedWriterNames.contains(w.name())) {
                        add(w.path(), typeIfOld(null, w), typeIfNew(null, w), IncompatibilityRule.CLOSED_CONTENT_MODEL,
                                "Field '" + w.path() + "' (" + w.type() + ") of version " + writerVersion
                                        + " is not listed by the closed " + (where.equals("$") ? "schema" : "field '" + where + "'")
                                        + " of version " + readerVersion + "; a reader of version " + readerVersion
                                        + " refuses version " + writerVersion + "'s records that have it");
                    }
                }
            }
        }

        /** The writer field the reader field reads: same name, else matched through an alias either way. */
        private static Field findWriterField(Field r, List<Field> writerFields, Set<String> readerNames) {
            for (Field w : writerFields) {
                if (w.name().equals(r.name())) {
                    return w;
                }
            }
            for (Field w : writerFields) {
                if (readerNames.contains(w.name())) {
                    continue; // that writer field is read under its own name
                }
                if (r.aliases().contains(w.name()) || w.aliases().contains(r.name())) {
                    return w;
                }
            }
            return null;
        }

        private void missingInWriter(Field r) {
            if (!r.required() || r.hasDefault()) {
                return; // an absent optional member reads as absent; a default fills a required one
            }
            if (readerIsCandidate) {
                add(r.path(), null, r.type().name(), IncompatibilityRule.READER_FIELD_MISSING_DEFAULT,
                        "Field '" + r.path() + "' (" + r.type() + ") was added as required without a default in version "
                                + readerVersion + "; a reader of version " + readerVersion + " cannot read version "
                                + writerVersion + "'s records, which lack it");
            } else {
                add(r.path(), r.type().name(), null, IncompatibilityRule.FIELD_REMOVED,
                        "Field '" + r.path() + "' (" + r.type() + ") was removed in version " + writerVersion
                                + "; a reader of version " + readerVersion + " requires it and has no default");
            }
        }

        private void compareField(Field r, Field w) {
            String path = readerIsCandidate ? r.path() : w.path();
            String oldType = typeIfOld(r, w);
            String newType = typeIfNew(r, w);
            if (!TypeReadability.canRead(r.type(), w.type())) {
                add(path, oldType, newType, IncompatibilityRule.TYPE_CHANGED,
                        "Field '" + path + "' changed type from " + oldType + " to " + newType + "; a reader of version "
                                + readerVersion + " cannot read version " + writerVersion + "'s "
                                + TypeReadability.pluralNoun(w.type()));
                return; // constraints of unrelated types are not comparable
            }
            if (r.required() && !w.required() && !r.hasDefault()) {
                add(path, oldType, newType, IncompatibilityRule.OPTIONAL_BECAME_REQUIRED, readerIsCandidate
                        ? "Field '" + path + "' became required without a default in version " + readerVersion
                                + "; a reader of version " + readerVersion + " cannot read version " + writerVersion
                                + "'s records where it is absent or null"
                        : "Field '" + path + "' became optional in version " + writerVersion + "; a reader of version "
                                + readerVersion + " requires it and has no default");
            }
            compareConstraints(path, oldType, newType, r, w);
            switch (r.type()) {
                case STRUCT -> {
                    if (w.type() == r.type()) {
                        compareMembers(path, r.children(), r.closed(), w.children(), w.closed());
                    }
                }
                case LIST, MAP -> {
                    if (w.type() == r.type()) {
                        compareField(r.element(), w.element());
                    }
                }
                default -> {
                }
            }
        }

        private void compareConstraints(String path, String oldType, String newType, Field r, Field w) {
            Constraints rc = r.constraints();
            Constraints wc = w.constraints();
            if (!rc.enumValues().isEmpty()) {
                if (wc.enumValues().isEmpty()) {
                    add(path, oldType, newType, IncompatibilityRule.ENUM_VALUE_REMOVED,
                            "Field '" + path + "' allows only " + rc.enumValues() + " in version " + readerVersion
                                    + " but any value in version " + writerVersion + "; a reader of version "
                                    + readerVersion + " cannot read version " + writerVersion + "'s other values");
                } else {
                    Set<String> outside = new LinkedHashSet<>(wc.enumValues());
                    outside.removeAll(rc.enumValues());
                    if (!outside.isEmpty()) {
                        add(path, oldType, newType, IncompatibilityRule.ENUM_VALUE_REMOVED,
                                "Field '" + path + "' of version " + writerVersion + " may hold " + outside
                                        + ", which the enum " + rc.enumValues() + " of version " + readerVersion
                                        + " does not allow; a reader of version " + readerVersion + " cannot read them");
                    }
                }
            }
            if (rc.minimum() != null && (wc.minimum() == null || wc.minimum() < rc.minimum())) {
                narrowed(path, oldType, newType, "minimum", rc.minimum(), wc.minimum(), "below");
            }
            if (rc.maximum() != null && (wc.maximum() == null || wc.maximum() > rc.maximum())) {
                narrowed(path, oldType, newType, "maximum", rc.maximum(), wc.maximum(), "above");
            }
            if (rc.minLength() != null && rc.minLength() > 0
                    && (wc.minLength() == null || wc.minLength() < rc.minLength())) {
                narrowed(path, oldType, newType, "minLength", rc.minLength(), wc.minLength(), "shorter than");
            }
            if (rc.maxLength() != null && (wc.maxLength() == null || wc.maxLength() > rc.maxLength())) {
                narrowed(path, oldType, newType, "maxLength", rc.maxLength(), wc.maxLength(), "longer than");
            }
            Format writerFormat = TypeReadability.effectiveFormat(w.type(), wc.format());
            if (!TypeReadability.formatAccepts(rc.format(), writerFormat)) {
                add(path, oldType, newType, IncompatibilityRule.CONSTRAINT_NARROWED,
                        "Field '" + path + "' requires format " + rc.format() + " in version " + readerVersion
                                + " but has " + (writerFormat == null ? "no format" : "format " + writerFormat)
                                + " in version " + writerVersion + "; a reader of version " + readerVersion
                                + " cannot read version " + writerVersion + "'s values of another format");
            }
            if (rc.pattern() != null && !Objects.equals(rc.pattern(), wc.pattern())) {
                add(path, oldType, newType, IncompatibilityRule.PATTERN_CHANGED,
                        "Field '" + path + "' must match /" + rc.pattern() + "/ in version " + readerVersion + " but "
                                + (wc.pattern() == null ? "has no pattern" : "/" + wc.pattern() + "/")
                                + " in version " + writerVersion + "; a reader of version " + readerVersion
                                + " may refuse version " + writerVersion + "'s values");
            }
        }

        private void narrowed(String path, String oldType, String newType, String bound, Number readerBound,
                Number writerBound, String relation) {
            add(path, oldType, newType, IncompatibilityRule.CONSTRAINT_NARROWED,
                    "Field '" + path + "' has " + bound + " " + readerBound + " in version " + readerVersion + " but "
                            + (writerBound == null ? "none" : writerBound) + " in version " + writerVersion
                            + "; a reader of version " + readerVersion + " cannot read version " + writerVersion
                            + "'s values " + relation + " " + readerBound);
        }

        /** The type in the earlier (non-candidate) version. */
        private String typeIfOld(Field r, Field w) {
            Field old = readerIsCandidate ? w : r;
            return old == null ? null : old.type().name();
        }

        /** The type in the candidate. */
        private String typeIfNew(Field r, Field w) {
            Field neu = readerIsCandidate ? r : w;
            return neu == null ? null : neu.type().name();
        }

        private void add(String path, String oldType, String newType, IncompatibilityRule rule, String message) {
            out.add(new Incompatibility(path, oldType, newType, rule, against, message));
        }
    }
}
