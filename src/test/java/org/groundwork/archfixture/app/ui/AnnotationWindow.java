package org.groundwork.archfixture.app.ui;

import org.groundwork.archfixture.storage.SqliteProjectStore;

/** Planted violation: a window that reaches for the folder store instead of the repository it is given. */
public class AnnotationWindow {
    public Object project() {
        return SqliteProjectStore.open("/somewhere");
    }
}
