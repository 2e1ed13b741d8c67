package dev.sluice.archfixture.crossing.beta;

public class BetaAdapter {
    public String name() {
        return "beta";
    }
}
