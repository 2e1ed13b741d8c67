package dev.sluice.registry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.domain.application.service.diff.FieldChange;
import dev.sluice.domain.application.service.diff.SchemaDiff;
import dev.sluice.domain.model.schema.Field;
import dev.sluice.domain.model.schema.FieldType;
import dev.sluice.domain.model.schema.SchemaVersion;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes seed 004's {@code field_diff} between two versions as the domain's {@link SchemaDiff}.
 * Renames are recognised when declared (the new field lists the old name in its aliases);
 * inferred renames need profile statistics and belong to the domain's rename detector, which this
 * class should delegate to once it is published (see the report of issue 4).
 */
final class FieldDiffs {

    private FieldDiffs() {
    }

    static SchemaDiff diff(SchemaVersion from, SchemaVersion to) {
        Map<String, Field> old = from.flatten();
        Map<String, Field> neu = to.flatten();
        List<FieldChange.Added> added = new ArrayList<>();
        List<FieldChange.Removed> removed = new ArrayList<>();
        List<FieldChange.Renamed> renamed = new ArrayList<>();
        List<FieldChange.TypeChanged> typeChanged = new ArrayList<>();
        List<FieldChange.NowRequired> nowRequired = new ArrayList<>();
        Set<String> renamedFrom = new HashSet<>();
        for (Field f : neu.values()) {
            Field before = old.get(f.path());
            if (before == null) {
                String parent = parentPath(f.path());
                Field alias = f.aliases().stream()
                        .map(a -> old.get(parent == null ? a : parent + "." + a))
                        .filter(o -> o != null && !neu.containsKey(o.path()))
                        .findFirst().orElse(null);
                if (alias != null) {
                    renamed.add(new FieldChange.Renamed(alias.path(), f.path(), f.type(), true, 1.0));
                    renamedFrom.add(alias.path());
                    compare(alias, f, typeChanged, nowRequired);
                } else if (parentPath(f.path()) == null || old.containsKey(parentPath(f.path()))) {
                    added.add(new FieldChange.Added(f.path(), f.type(), f.required()));
                }
            } else {
                compare(before, f, typeChanged, nowRequired);
            }
        }
        for (Field f : old.values()) {
            String parent = parentPath(f.path());
            boolean parentGone = parent != null && !neu.containsKey(parent);
            if (!neu.containsKey(f.path()) && !renamedFrom.contains(f.path()) && !parentGone) {
                removed.add(new FieldChange.Removed(f.path(), f.type()));
            }
        }
        return new SchemaDiff(from.version(), to.version(), added, removed, renamed, typeChanged, nowRequired);
    }

    private static void compare(Field before, Field after, List<FieldChange.TypeChanged> typeChanged,
                                List<FieldChange.NowRequired> nowRequired) {
        if (before.type() != after.type()) {
            typeChanged.add(new FieldChange.TypeChanged(after.path(), before.type(), after.type(),
                    widening(before.type(), after.type())));
        }
        if (!before.required() && after.required()) {
            nowRequired.add(new FieldChange.NowRequired(after.path(), after.type()));
        }
    }

    private static boolean widening(FieldType from, FieldType to) {
        return to == FieldType.JSON
                || (from == FieldType.LONG && to == FieldType.DOUBLE)
                || (to == FieldType.STRING && (from == FieldType.UUID || from == FieldType.DATE || from == FieldType.TIMESTAMP));
    }

    private static String parentPath(String path) {
        int dot = path.lastIndexOf('.');
        int bracket = path.endsWith("[]") || path.endsWith("{}") ? path.length() - 2 : -1;
        if (bracket > 0 && bracket > dot) {
            return path.substring(0, bracket);
        }
        return dot < 0 ? null : path.substring(0, dot);
    }

    static String toJson(SchemaDiff diff) {
        return CanonicalCodec.write(toNode(diff));
    }

    static ObjectNode toNode(SchemaDiff diff) {
        ObjectNode n = CanonicalCodec.MAPPER.createObjectNode();
        n.put("fromVersion", diff.fromVersion());
        n.put("toVersion", diff.toVersion());
        n.put("status", diff.newVersionStatus().name());
        ArrayNode added = n.putArray("added");
        diff.added().forEach(a -> added.addObject().put("path", a.path()).put("type", a.type().name()).put("required", a.required()));
        ArrayNode removed = n.putArray("removed");
        diff.removed().forEach(r -> removed.addObject().put("path", r.path()).put("type", r.type().name()));
        ArrayNode renamed = n.putArray("renamed");
        diff.renamed().forEach(r -> renamed.addObject().put("from", r.oldPath()).put("to", r.path())
                .put("type", r.type().name()).put("declared", r.declared()).put("score", r.score()));
        ArrayNode typeChanged = n.putArray("typeChanged");
        diff.typeChanged().forEach(t -> typeChanged.addObject().put("path", t.path()).put("oldType", t.oldType().name())
                .put("newType", t.newType().name()).put("widening", t.widening()));
        ArrayNode nowRequired = n.putArray("nowRequired");
        diff.nowRequired().forEach(r -> nowRequired.addObject().put("path", r.path()).put("type", r.type().name()));
        return n;
    }
}
