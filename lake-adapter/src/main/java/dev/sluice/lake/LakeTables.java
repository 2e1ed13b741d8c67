package dev.sluice.lake;

import dev.sluice.domain.model.schema.Subject;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;

import java.util.Locale;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Table names. A subject's typed table is its name lowercased, with every character other than
 * a-z, 0-9 and '_' replaced by '_': {@code acme.video} becomes {@code acme_video},
 * {@code recsys.impression} becomes {@code recsys_impression}, {@code connector.data.raw} becomes
 * {@code connector_data_raw}. Two subjects could map to one name ({@code a-b} and {@code a_b}):
 * each typed table records its subject in the table property {@value #SUBJECT_PROPERTY}, and a
 * mismatch is refused instead of mixing two subjects in one table.
 */
final class LakeTables {

    static final String EVENTS = "events";
    static final String DEAD_LETTERS = "dead_letters";
    static final String SUBJECT_PROPERTY = "sluice.subject";
    private static final Set<String> RESERVED = Set.of(EVENTS, DEAD_LETTERS);

    private final Namespace namespace;

    LakeTables(String namespace) {
        requireNonNull(namespace, "namespace is null");
        this.namespace = Namespace.of(namespace.split("\\."));
    }

    Namespace namespace() {
        return namespace;
    }

    TableIdentifier events() {
        return TableIdentifier.of(namespace, EVENTS);
    }

    TableIdentifier deadLetters() {
        return TableIdentifier.of(namespace, DEAD_LETTERS);
    }

    TableIdentifier typed(Subject subject) {
        return TableIdentifier.of(namespace, typedTableName(subject));
    }

    static String typedTableName(Subject subject) {
        requireNonNull(subject, "subject is null");
        String name = subject.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (RESERVED.contains(name)) {
            // A subject literally called "events" must not land in the envelope table.
            return "subject_" + name;
        }
        return name;
    }
}
