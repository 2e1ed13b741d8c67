package dev.sluice.domain.testing;

import dev.sluice.domain.application.port.out.DeadLetterSink;
import dev.sluice.domain.model.ingest.DeadLetter;

import java.util.List;

/** The dead-letter sink contract, against its fake. */
class InMemoryDeadLetterSinkContractTest extends AbstractDeadLetterSinkContractTest {

    @Override
    protected DeadLetterSink createSink() {
        return new InMemoryDeadLetterSink();
    }

    @Override
    protected List<DeadLetter> readBack(DeadLetterSink sink) {
        return ((InMemoryDeadLetterSink) sink).all();
    }
}
