package org.groundwork.archfixture.app.ui;

import org.groundwork.archfixture.storage.SqliteProjectStore;

/** Allowed: the class that opens and creates project folders names the folder store. */
public class ProjectActions {
    public Object open(String folder) {
        return SqliteProjectStore.open(folder);
    }
}
