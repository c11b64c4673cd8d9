package org.groundwork.app.ui;

import java.util.function.Function;
import java.util.function.Predicate;
import javafx.beans.property.BooleanProperty;
import javafx.concurrent.Task;
import org.groundwork.annotate.core.project.ProjectRepository;
import org.groundwork.app.project.ProjectController;

/**
 * A check item whose state is a setting of the open project: read when a project opens (on the
 * store thread, which may be busy with the opening's first counts), written on that thread when the
 * user changes it (and shown as before if that fails), and never written back merely for having been read.
 */
final class ProjectToggle {
    private final ProjectController projects;
    private final BooleanProperty state;
    private boolean loading;

    /**
     * @param isOn     whether a stored value means on (an absent setting is off)
     * @param value    the value to store for on or off
     * @param changed  what to tell the user once a change is stored (or the error)
     */
    ProjectToggle(ProjectController projects, BooleanProperty state, String key, Predicate<String> isOn,
                  Function<Boolean, String> value, StatusBar statusBar, Function<Boolean, String> changed) {
        this.projects = projects;
        this.state = state;
        projects.storeProperty().addListener((obs, old, store) -> {
            if (store == null) {
                show(false);
                return;
            }
            Task<Boolean> read = projects.submit(() -> store.setting(key).map(isOn::test).orElse(false));
            read.setOnSucceeded(e -> {
                if (projects.storeProperty().get() == store) {
                    show(read.getValue());
                }
            });
        });
        state.addListener((obs, was, on) -> {
            ProjectRepository store = projects.storeProperty().get();
            if (loading || store == null || store.readOnly()) {
                return;
            }
            Task<Void> write = projects.submit(() -> {
                store.putSetting(key, value.apply(on));
                return null;
            });
            write.setOnSucceeded(e -> {
                projects.republish(); // a setting may change what the worklist shows (an assist trial's arms)
                statusBar.showMessage(changed.apply(on));
            });
            write.setOnFailed(e -> {
                statusBar.showMessage(write.getException().getMessage());
                if (projects.storeProperty().get() == store) {
                    show(was); // the item shows what the project holds
                }
            });
        });
    }

    /** The setting as read, without writing it back. */
    private void show(boolean on) {
        loading = true;
        state.set(on);
        loading = false;
    }
}
