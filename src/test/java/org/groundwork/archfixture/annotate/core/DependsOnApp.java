package org.groundwork.archfixture.annotate.core;

import org.groundwork.archfixture.app.UsesStorageInternals;

/** Planted violation: nothing may depend on app. */
public class DependsOnApp {
    public int size() {
        return new UsesStorageInternals().size();
    }
}
