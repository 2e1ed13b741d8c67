package dev.sluice.archfixture.cycle.right;

import dev.sluice.archfixture.cycle.left.Left;

/** ... and right uses left. */
public class Right {
    public Left left() {
        return new Left();
    }
}
