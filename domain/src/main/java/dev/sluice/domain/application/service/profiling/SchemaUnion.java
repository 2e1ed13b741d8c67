package dev.sluice.domain.application.service.profiling;

import dev.sluice.domain.model.profile.ProfileResult;
import dev.sluice.domain.model.profile.TypeLattice;
import dev.sluice.domain.model.schema.Constraints;
import dev.sluice.domain.model.schema.Field;
import dev.sluice.domain.model.schema.FieldType;
import dev.sluice.domain.model.schema.PiiClass;
import dev.sluice.domain.model.schema.SchemaStatus;
import dev.sluice.domain.model.schema.SchemaVersion;
import dev.sluice.domain.model.schema.Subject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Union-by-default (seed 004): the schema that reads both what a subject already has and what just
 * arrived. Fields of either side are kept, types widen along {@link TypeLattice#join}, and a field
 * is required only when both sides require it: a field one side lacks becomes optional, never
 * dropped. Whether the result is BREAKING (a type change, say) is for the compatibility checker
 * and the diff to say; the union itself never removes anything.
 */
public final class SchemaUnion {

    private SchemaUnion() {
    }

    /**
     * The candidate next version of {@code subject}: the profile's fields alone as version 1 when
     * nothing is registered, otherwise the union of {@code latest}'s fields and the profile's as
     * {@code latest.version() + 1}, keeping {@code latest}'s rules, closedness and compatibility mode.
     *
     * @param latest the latest registered version, or {@code null} for a new subject
     */
    public static SchemaVersion candidate(Subject subject, SchemaVersion latest, ProfileResult profile) {
        requireNonNull(subject, "subject is null");
        requireNonNull(profile, "profile is null");
        if (latest == null) {
            return profile.toSchemaVersion(subject, 1);
        }
        if (!latest.subject().equals(subject)) {
            throw new IllegalArgumentException("cannot extend schema " + latest.subject() + " version "
                    + latest.version() + " into a candidate for " + subject);
        }
        List<Field> fields = profile.documents() == 0 ? latest.fields() : union(latest.fields(), profile.fields());
        return new SchemaVersion(subject, latest.version() + 1, fields, latest.rules(), latest.closed(),
                SchemaStatus.ACTIVE, latest.compatibility(),
                "Union of version " + latest.version() + " with " + profile.documents() + " profiled documents.");
    }

    /** The union of two sibling field lists: left's order first, then right's new fields. */
    public static List<Field> union(List<Field> left, List<Field> right) {
        requireNonNull(left, "left is null");
        requireNonNull(right, "right is null");
        Map<String, Field> byName = new LinkedHashMap<>();
        for (Field f : left) {
            byName.put(f.name(), f);
        }
        Map<String, Field> rightByName = new LinkedHashMap<>();
        for (Field f : right) {
            rightByName.put(f.name(), f);
        }
        List<Field> out = new ArrayList<>();
        for (Field l : left) {
            Field r = rightByName.get(l.name());
            out.add(r == null ? optional(l) : union(l, r));
        }
        for (Field r : right) {
            if (!byName.containsKey(r.name())) {
                out.add(optional(r));
            }
        }
        return List.copyOf(out);
    }

    /**
     * The union of two descriptions of one field. Type, required, children and element are merged;
     * constraints survive only on a side whose type is kept; PII takes the stricter class; doc,
     * default, closedness come from the left (the registered side) when it has them; aliases unite.
     */
    public static Field union(Field left, Field right) {
        requireNonNull(left, "left is null");
        requireNonNull(right, "right is null");
        if (!left.path().equals(right.path())) {
            throw new IllegalArgumentException("cannot unite field " + left.path() + " with field " + right.path());
        }
        FieldType type = TypeLattice.join(left.type(), right.type());
        Constraints constraints = type == left.type() ? left.constraints()
                : type == right.type() ? right.constraints() : Constraints.NONE;
        LinkedHashSet<String> aliases = new LinkedHashSet<>(left.aliases());
        aliases.addAll(right.aliases());
        Field.Builder b = Field.builder(left.path(), type)
                .required(left.required() && right.required())
                .defaultValue(left.hasDefault() ? left.defaultValue() : right.defaultValue())
                .constraints(constraints)
                .pii(stricter(left.pii(), right.pii()))
                .doc(left.doc().isEmpty() ? right.doc() : left.doc())
                .aliases(List.copyOf(aliases))
                .closed(type == FieldType.STRUCT && (left.type() == FieldType.STRUCT ? left.closed() : right.closed()));
        if (type == FieldType.STRUCT) {
            b.children(union(left.children(), right.children()));
        } else if (type == FieldType.LIST || type == FieldType.MAP) {
            b.element(union(left.element(), right.element()));
        }
        return b.build();
    }

    private static Field optional(Field f) {
        return f.required() ? f.toBuilder().required(false).build() : f;
    }

    private static PiiClass stricter(PiiClass a, PiiClass b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
