package dev.sluice.domain.application.service.diff;

import dev.sluice.domain.model.schema.FieldType;

import static java.util.Objects.requireNonNull;

/**
 * One difference between two versions of a schema, at one field path. Paths are full dotted paths
 * ({@code device.os}, {@code items[].id}); a change inside a renamed STRUCT is reported at its new path.
 */
public sealed interface FieldChange
        permits FieldChange.Added, FieldChange.Removed, FieldChange.Renamed, FieldChange.TypeChanged,
        FieldChange.NowRequired {

    /** The path the change is reported at: the new path, or the old one for a removal. */
    String path();

    /** A field present only in the new version. */
    record Added(String path, FieldType type, boolean required) implements FieldChange {
        public Added {
            requireNonNull(path, "path is null");
            requireNonNull(type, "type is null");
        }
    }

    /** A field present only in the old version, and not recognised as renamed. */
    record Removed(String path, FieldType type) implements FieldChange {
        public Removed {
            requireNonNull(path, "path is null");
            requireNonNull(type, "type is null");
        }
    }

    /**
     * A field of the old version that lives on under a new name.
     *
     * @param oldPath the path in the old version
     * @param path the path in the new version
     * @param type the type, the same in both versions
     * @param declared true when the new field lists the old name in its aliases; false when the
     *                 rename was inferred from name and profile similarity
     * @param score the similarity that supported an inferred rename, in [0, 1]; 1 for a declared one
     */
    record Renamed(String oldPath, String path, FieldType type, boolean declared, double score) implements FieldChange {
        public Renamed {
            requireNonNull(oldPath, "oldPath is null");
            requireNonNull(path, "path is null");
            requireNonNull(type, "type is null");
            if (!(score >= 0.0 && score <= 1.0)) {
                throw new IllegalArgumentException("rename score of '" + oldPath + "' -> '" + path
                        + "' must be within [0, 1], got " + score);
            }
        }
    }

    /**
     * A field whose type changed.
     *
     * @param widening true when readers of the new type can read values of the old one
     *                 (LONG to DOUBLE, UUID or DATE to STRING, anything to JSON)
     */
    record TypeChanged(String path, FieldType oldType, FieldType newType, boolean widening) implements FieldChange {
        public TypeChanged {
            requireNonNull(path, "path is null");
            requireNonNull(oldType, "oldType is null");
            requireNonNull(newType, "newType is null");
            if (oldType == newType) {
                throw new IllegalArgumentException("field '" + path + "' has the same type " + oldType + " in both versions");
            }
        }
    }

    /** A field that was optional and is now required. */
    record NowRequired(String path, FieldType type) implements FieldChange {
        public NowRequired {
            requireNonNull(path, "path is null");
            requireNonNull(type, "type is null");
        }
    }
}
