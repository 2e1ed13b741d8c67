package dev.sluice.domain.application.service.diff;

import dev.sluice.domain.model.schema.SchemaStatus;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The field-level differences between an old and a new version of a schema (seed 004's
 * {@code field_diff}). Each list is in the order of the new version's fields (the old version's
 * for removals).
 *
 * @param fromVersion the old version
 * @param toVersion the new version
 */
public record SchemaDiff(
        int fromVersion,
        int toVersion,
        List<FieldChange.Added> added,
        List<FieldChange.Removed> removed,
        List<FieldChange.Renamed> renamed,
        List<FieldChange.TypeChanged> typeChanged,
        List<FieldChange.NowRequired> nowRequired) {

    public SchemaDiff {
        added = List.copyOf(requireNonNull(added, "added is null"));
        removed = List.copyOf(requireNonNull(removed, "removed is null"));
        renamed = List.copyOf(requireNonNull(renamed, "renamed is null"));
        typeChanged = List.copyOf(requireNonNull(typeChanged, "typeChanged is null"));
        nowRequired = List.copyOf(requireNonNull(nowRequired, "nowRequired is null"));
    }

    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && renamed.isEmpty() && typeChanged.isEmpty() && nowRequired.isEmpty();
    }

    /** True when a field disappeared or changed name without declaring its old name as an alias. */
    public boolean hasUndeclaredRename() {
        for (FieldChange.Renamed r : renamed) {
            if (!r.declared()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The status the new version should get (seed 004): BREAKING when a field was removed, renamed
     * without an alias, or changed to a type its readers cannot read the old values as; ACTIVE
     * otherwise. Added fields, declared renames, widenings and fields becoming required do not break
     * readers of the curated data.
     */
    public SchemaStatus newVersionStatus() {
        if (!removed.isEmpty() || hasUndeclaredRename()) {
            return SchemaStatus.BREAKING;
        }
        for (FieldChange.TypeChanged t : typeChanged) {
            if (!t.widening()) {
                return SchemaStatus.BREAKING;
            }
        }
        return SchemaStatus.ACTIVE;
    }

    /** Every change in one list: added, removed, renamed, type changes, then now-required. */
    public List<FieldChange> all() {
        List<FieldChange> all = new java.util.ArrayList<>();
        all.addAll(added);
        all.addAll(removed);
        all.addAll(renamed);
        all.addAll(typeChanged);
        all.addAll(nowRequired);
        return List.copyOf(all);
    }
}
