package org.groundwork.archfixture.storage;

/** Planted for the architecture-rule tests: a module's public API. */
public class StorageApi {
    public static int count() {
        return 1;
    }
}
