package dev.sluice.archfixture.crossing.alpha;

import dev.sluice.archfixture.crossing.beta.BetaAdapter;

/** Planted violation: one adapter calling another directly. */
public class AlphaAdapter {
    public String call() {
        return new BetaAdapter().name();
    }
}
