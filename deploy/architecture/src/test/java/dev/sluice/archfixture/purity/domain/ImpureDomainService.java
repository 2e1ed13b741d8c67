package dev.sluice.archfixture.purity.domain;

import org.assertj.core.api.Assertions;

/** Planted violation: a "domain" class that uses a third-party library. */
public class ImpureDomainService {
    public Object leak() {
        return Assertions.assertThat(1);
    }
}
