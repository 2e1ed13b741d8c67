package dev.sluice.archfixture.cycle.left;

import dev.sluice.archfixture.cycle.right.Right;

/** Planted violation: left uses right ... */
public class Left {
    public Right right() {
        return new Right();
    }
}
