package org.groundwork.archfixture.storage;

/** Stands for the folder store class in the planted violations. */
public class SqliteProjectStore {
    public static SqliteProjectStore open(String folder) {
        return new SqliteProjectStore();
    }
}
