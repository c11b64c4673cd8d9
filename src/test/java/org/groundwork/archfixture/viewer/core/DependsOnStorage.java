package org.groundwork.archfixture.viewer.core;

import org.groundwork.archfixture.storage.StorageApi;

/** Planted violation: viewer-core depending on storage, which the design table forbids. */
public class DependsOnStorage {
    public int count() {
        return StorageApi.count();
    }
}
