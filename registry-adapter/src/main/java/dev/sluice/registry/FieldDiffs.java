package dev.sluice.registry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.domain.application.service.diff.SchemaDiff;
import dev.sluice.domain.application.service.diff.SchemaDiffer;
import dev.sluice.domain.model.schema.SchemaVersion;


/**
 * Seed 004's {@code field_diff} between two versions: the domain's {@link SchemaDiffer} computes it
 * (declared renames through aliases, inferred renames by name similarity), this class renders it.
 */
final class FieldDiffs {

    private static final SchemaDiffer DIFFER = new SchemaDiffer();

    private FieldDiffs() {
    }

    static SchemaDiff diff(SchemaVersion from, SchemaVersion to) {
        return DIFFER.diff(from, to);
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
