package org.groundwork.archfixture.app;

import org.groundwork.archfixture.storage.internal.HiddenStore;

/** Planted violation: app may use storage, but not storage's internal packages. */
public class UsesStorageInternals {
    public int size() {
        return HiddenStore.size();
    }
}
