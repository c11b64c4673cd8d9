package org.groundwork.archfixture.storage.internal;

/** Planted for the architecture-rule tests: a module-internal class. */
public class HiddenStore {
    public static int size() {
        return 0;
    }
}
