package org.groundwork.storage;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.groundwork.annotate.core.project.ModelShelf;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.storage.internal.ModelTable;
import org.groundwork.storage.internal.ProjectDatabase;

/** A store's models: on the server for a shared project, so every workstation suggests with the same one. */
final class StoredModels implements ModelShelf {
    private final ProjectStore store;

    StoredModels(ProjectStore store) {
        this.store = store;
    }

    @Override
    public List<Entry> list() throws ProjectException {
        synchronized (store) {
            try {
                return ModelTable.list(store.connection());
            } catch (SQLException e) {
                throw store.explain(e);
            }
        }
    }

    @Override
    public Optional<Promotion> promotion() throws ProjectException {
        synchronized (store) {
            try {
                return Optional.ofNullable(ModelTable.promotion(store.connection()));
            } catch (SQLException e) {
                throw store.explain(e);
            }
        }
    }

    @Override
    public java.util.Map<String, Use> uses() throws ProjectException {
        synchronized (store) {
            try {
                return ModelTable.uses(store.connection());
            } catch (SQLException e) {
                throw store.explain(e);
            }
        }
    }

    @Override
    public byte[] files(String name) throws ProjectException {
        synchronized (store) {
            try {
                byte[] files = ModelTable.files(store.connection(), name);
                if (files == null) {
                    throw new ProjectException(store.name(), "holds no model called " + name, null);
                }
                return files;
            } catch (SQLException e) {
                throw store.explain(e);
            }
        }
    }

    /** Adds the model as trained by this session's user: on a server, its sign-in. */
    @Override
    public boolean add(Entry entry, byte[] files, boolean promote, String promotedBefore) throws ProjectException {
        refuseUnlessMayTrain();
        Entry recorded = new Entry(entry.name(), entry.hash(), entry.evaluation(), store.recordedAs(entry.trainedBy()),
                entry.trainedAt(), false);
        synchronized (store) {
            try {
                return ProjectDatabase.inTransaction(store.connection(),
                        c -> ModelTable.add(c, recorded, files, promote, promotedBefore, store.clock().instant()));
            } catch (SQLException e) {
                throw store.explain(e);
            }
        }
    }

    /** Promotes the model as this session's user: on a server, its sign-in. */
    @Override
    public void promote(String name, String by) throws ProjectException {
        refuseUnlessMayTrain();
        synchronized (store) {
            try {
                if (!ProjectDatabase.inTransaction(store.connection(),
                        c -> ModelTable.promote(c, name, store.recordedAs(by), store.clock().instant()))) {
                    throw new ProjectException(store.name(), "holds no model called " + name, null);
                }
            } catch (SQLException e) {
                throw store.explain(e);
            }
        }
    }

    private void refuseUnlessMayTrain() throws ProjectException {
        Optional<String> refused = whyNotTrain();
        if (refused.isPresent()) {
            throw new ProjectException(store.name(), refused.get(), null);
        }
    }

    @Override
    public Optional<String> whyNotTrain() {
        if (store.readOnly()) {
            return Optional.of("the project is open read-only, so no model is trained in it");
        }
        if (!store.seesAllAnswers()) {
            return Optional.of("only an adjudicator or an admin trains the team's model, since a reader's sign-in "
                    + "sees only their own boxes");
        }
        return Optional.empty();
    }
}
