package dev.sluice.lake;

import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;

import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * The catalog's table operations with one more check right before the atomic swap: the
 * {@code precondition} sees the metadata the commit is based on and throws to refuse it. Iceberg's
 * own retries of the commit (after a concurrent commit moved the table) call it again on the new
 * base, and the catalog's compare-and-swap on the metadata location makes check and swap one
 * atomic step: if the table moves after the check, the swap fails and the check runs again.
 */
final class FencedTableOperations extends ForwardingTableOperations {

    private final Consumer<TableMetadata> precondition;

    FencedTableOperations(TableOperations delegate, Consumer<TableMetadata> precondition) {
        super(delegate);
        this.precondition = requireNonNull(precondition, "precondition is null");
    }

    @Override
    public void commit(TableMetadata base, TableMetadata metadata) {
        precondition.accept(base);
        delegate.commit(base, metadata);
    }
}
