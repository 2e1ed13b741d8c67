package dev.sluice.lake;

import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.encryption.EncryptionManager;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.LocationProvider;

import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * The catalog's table operations with one more check right before the atomic swap: the
 * {@code precondition} sees the metadata the commit is based on and throws to refuse it. Iceberg's
 * own retries of the commit (after a concurrent commit moved the table) call it again on the new
 * base, and the catalog's compare-and-swap on the metadata location makes check and swap one
 * atomic step: if the table moves after the check, the swap fails and the check runs again.
 */
final class FencedTableOperations implements TableOperations {

    private final TableOperations delegate;
    private final Consumer<TableMetadata> precondition;

    FencedTableOperations(TableOperations delegate, Consumer<TableMetadata> precondition) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.precondition = requireNonNull(precondition, "precondition is null");
    }

    @Override
    public TableMetadata current() {
        return delegate.current();
    }

    @Override
    public TableMetadata refresh() {
        return delegate.refresh();
    }

    @Override
    public void commit(TableMetadata base, TableMetadata metadata) {
        precondition.accept(base);
        delegate.commit(base, metadata);
    }

    @Override
    public FileIO io() {
        return delegate.io();
    }

    @Override
    public EncryptionManager encryption() {
        return delegate.encryption();
    }

    @Override
    public String metadataFileLocation(String fileName) {
        return delegate.metadataFileLocation(fileName);
    }

    @Override
    public LocationProvider locationProvider() {
        return delegate.locationProvider();
    }

    @Override
    public TableOperations temp(TableMetadata uncommittedMetadata) {
        return delegate.temp(uncommittedMetadata);
    }

    @Override
    public long newSnapshotId() {
        return delegate.newSnapshotId();
    }

    @Override
    public boolean requireStrictCleanup() {
        return delegate.requireStrictCleanup();
    }
}
