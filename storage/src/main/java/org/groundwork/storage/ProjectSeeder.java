package org.groundwork.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.storage.internal.ProjectDatabase;

/**
 * Fills a project with synthetic cases and boxes in one transaction, for benchmarks of large
 * projects (10,000 cases, 100,000 boxes) that would take minutes to build edit by edit.
 */
public final class ProjectSeeder {
    private ProjectSeeder() {
    }

    public static void seed(ProjectStore store, int cases, int boxesPerCase) throws ProjectException {
        synchronized (store) {
            String now = Instant.now().toString();
            try {
                ProjectDatabase.inTransaction(store.connection(), c -> {
                    insert(c, cases, boxesPerCase, now);
                    return null;
                });
            } catch (SQLException e) {
                throw store.explain(e);
            }
        }
    }

    private static void insert(Connection c, int cases, int boxesPerCase, String now) throws SQLException {
        ProjectDatabase.update(c, "INSERT INTO data_roots(path) VALUES ('/synthetic') ON CONFLICT DO NOTHING");
        try (PreparedStatement caseRow = c.prepareStatement(
                "INSERT INTO cases(case_key, label, patient_key) VALUES (?, ?, ?) RETURNING id");
             PreparedStatement box = c.prepareStatement("INSERT INTO boxes(id, case_id, region_id, label, "
                     + "min_i, min_j, min_k, max_i, max_j, max_k, author, created_at, origin) "
                     + "VALUES (?, ?, 'region', 'label', 1, 2, 3, 40, 50, 60, 'seed', ?, 'HUMAN')")) {
            for (int n = 0; n < cases; n++) {
                caseRow.setString(1, "seed-" + n);
                caseRow.setString(2, "Synthetic case " + n);
                caseRow.setString(3, "P" + n / 2);
                long caseId;
                try (var rs = caseRow.executeQuery()) {
                    rs.next();
                    caseId = rs.getLong(1);
                }
                for (int b = 0; b < boxesPerCase; b++) {
                    box.setString(1, "seed-" + n + "-" + b);
                    box.setLong(2, caseId);
                    box.setString(3, now);
                    box.executeUpdate();
                }
            }
        }
    }

    /**
     * Adds {@code perCase} pending proposals to every case, made by {@code versions} versions of one
     * model in turn (weights hashes {@code seed-model-0}, …), in one transaction.
     */
    public static void seedProposals(ProjectStore store, int perCase, int versions) throws ProjectException {
        synchronized (store) {
            Instant now = Instant.now();
            try {
                ProjectDatabase.inTransaction(store.connection(), c -> {
                    int n = 0;
                    for (org.groundwork.annotate.core.project.CaseRecord r : store.cases()) {
                        java.util.List<org.groundwork.annotate.core.project.Suggestion> made = new java.util.ArrayList<>();
                        for (int p = 0; p < perCase; p++, n++) {
                            made.add(org.groundwork.annotate.core.project.Suggestion.pending("seed-proposal-" + n, r.id(),
                                    "region", new int[] {1, 2, 3}, new int[] {40, 50, 60}, 0.5, "seed-model",
                                    "seed-model-" + n % versions, 10, now, "seed"));
                        }
                        org.groundwork.storage.internal.SuggestionTable.insert(c, made);
                    }
                    return null;
                });
            } catch (SQLException e) {
                throw store.explain(e);
            }
        }
    }
}
