package dev.sluice.domain.testing;

import dev.sluice.domain.application.port.out.EventLake;
import dev.sluice.domain.model.ingest.StoredEvent;
import dev.sluice.domain.model.ingest.StreamPositions;

import java.util.List;

/** The event lake contract, against its fake. */
class InMemoryEventLakeContractTest extends AbstractEventLakeContractTest {

    @Override
    protected EventLake createLake() {
        return new InMemoryEventLake();
    }

    @Override
    protected List<StoredEvent> readCommittedEvents(EventLake lake) {
        return ((InMemoryEventLake) lake).committedEvents();
    }

    @Override
    protected StreamPositions readCommittedPositions(EventLake lake) {
        return ((InMemoryEventLake) lake).committedPositions();
    }
}
