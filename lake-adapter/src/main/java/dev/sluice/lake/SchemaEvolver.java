package dev.sluice.lake;

import dev.sluice.domain.model.schema.Field;
import dev.sluice.domain.model.schema.FieldType;
import dev.sluice.domain.model.schema.SchemaVersion;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Adds the columns a newer schema version declares and the typed table lacks: new top-level
 * fields, and new fields inside structs. Existing columns are never retyped, renamed or dropped
 * (a compatible version only adds); a field whose type changed keeps its old column, and values
 * that no longer fit it are stored as null there (the envelope table keeps them).
 */
final class SchemaEvolver {

    private SchemaEvolver() {
    }

    /** The changes {@code version} needs on {@code schema}, as "parent.name: type" lines; empty when none. */
    static List<String> missing(Schema schema, SchemaVersion version) {
        List<String> out = new ArrayList<>();
        for (Field f : version.fields()) {
            collect(schema.asStruct(), null, IcebergSchemas.columnName(f.name()), f, out, null);
        }
        return out;
    }

    /** Adds what is missing; returns true when the table's schema changed. Retries concurrent changes. */
    static boolean evolve(Table table, SchemaVersion version) {
        for (int attempt = 1; ; attempt++) {
            table.refresh();
            if (missing(table.schema(), version).isEmpty()) {
                return false;
            }
            UpdateSchema update = table.updateSchema();
            for (Field f : version.fields()) {
                collect(table.schema().asStruct(), null, IcebergSchemas.columnName(f.name()), f, new ArrayList<>(), update);
            }
            try {
                update.commit();
                return true;
            } catch (CommitFailedException e) {
                if (attempt >= 5) {
                    throw e;
                }
            }
        }
    }

    private static void collect(Types.StructType struct, String parentPath, String column, Field field,
                                List<String> out, UpdateSchema update) {
        Types.NestedField existing = struct.field(column);
        if (existing == null) {
            Type type = IcebergSchemas.type(field, new AtomicInteger(0));
            out.add((parentPath == null ? "" : parentPath + ".") + column + ": " + type);
            if (update != null) {
                if (parentPath == null) {
                    update.addColumn(column, type, field.doc().isEmpty() ? null : field.doc());
                } else {
                    update.addColumn(parentPath, column, type, field.doc().isEmpty() ? null : field.doc());
                }
            }
            return;
        }
        if (field.type() == FieldType.STRUCT && existing.type().isStructType()) {
            String path = parentPath == null ? column : parentPath + "." + column;
            for (Field child : field.children()) {
                collect(existing.type().asStructType(), path, child.name(), child, out, update);
            }
        }
    }
}
