package dev.sluice.archfixture.purity.adapter;

import org.assertj.core.api.Assertions;

/** Allowed: adapters may use libraries; the purity rule must not flag this class. */
public class LibraryUsingAdapter {
    public Object use() {
        return Assertions.assertThat(2);
    }
}
