package dev.sluice.lake;

import dev.sluice.domain.application.port.out.EventLake;
import dev.sluice.domain.model.ingest.StoredEvent;
import dev.sluice.domain.model.ingest.StreamPositions;
import dev.sluice.domain.testing.AbstractEventLakeContractTest;
import dev.sluice.domain.testing.InMemorySchemaCatalog;
import dev.sluice.localstack.Endpoints.IcebergEndpoint;
import dev.sluice.localstack.LocalStackServers;
import dev.sluice.localstack.Server;
import org.apache.iceberg.catalog.Catalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.ArrayList;
import java.util.List;

/** The EventLake contract on the real JDBC catalog (PostgreSQL) and an S3 warehouse (s3proxy). */
@LocalStackServers({Server.POSTGRES, Server.S3})
class IcebergEventLakeContractTest extends AbstractEventLakeContractTest {

    private IcebergEndpoint iceberg;
    private Catalog catalog;
    private final List<IcebergEventLake> lakes = new ArrayList<>();

    @BeforeEach
    void connect(IcebergEndpoint iceberg) {
        this.iceberg = iceberg;
        this.catalog = LakeTestSupport.catalog(iceberg);
    }

    @AfterEach
    void closeLakes() {
        lakes.forEach(IcebergEventLake::close);
    }

    @Override
    protected EventLake createLake() {
        IcebergEventLake lake = LakeTestSupport.lake(iceberg, LakeTestSupport.newNamespace("contract"),
                new InMemorySchemaCatalog(), "contract-writer");
        lakes.add(lake);
        return lake;
    }

    @Override
    protected List<StoredEvent> readCommittedEvents(EventLake lake) {
        IcebergEventLake iceberg = (IcebergEventLake) lake;
        return LakeTestSupport.rows(catalog.loadTable(iceberg.names().events())).stream()
                .map(LakeTestSupport::storedEvent).toList();
    }

    @Override
    protected StreamPositions readCommittedPositions(EventLake lake) {
        IcebergEventLake iceberg = (IcebergEventLake) lake;
        org.apache.iceberg.Table events = catalog.loadTable(iceberg.names().events());
        return new StreamPositions(CommitMarker.latest(events).offsets());
    }
}
