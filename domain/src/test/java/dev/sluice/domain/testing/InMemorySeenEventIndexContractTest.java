package dev.sluice.domain.testing;

import dev.sluice.domain.application.port.out.SeenEventIndex;

import java.time.Duration;

/** The seen-event index contract, against its fake. */
class InMemorySeenEventIndexContractTest extends AbstractSeenEventIndexContractTest {

    @Override
    protected SeenEventIndex createIndex(Duration horizon) {
        return new InMemorySeenEventIndex(horizon);
    }
}
