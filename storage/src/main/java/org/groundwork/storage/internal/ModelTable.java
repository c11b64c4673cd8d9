package org.groundwork.storage.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.groundwork.annotate.core.project.ModelShelf;

/** The {@code models} and {@code promoted_model} tables (migration 12), the same SQL for SQLite and PostgreSQL. */
public final class ModelTable {
    private ModelTable() {
    }

    /** Every model, oldest first, the promoted one marked; the archives are left on the server. */
    public static List<ModelShelf.Entry> list(Connection c) throws SQLException {
        List<ModelShelf.Entry> entries = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT m.name, m.hash, m.evaluation, m.trained_by, m.trained_at, "
                + "p.name IS NOT NULL FROM models m LEFT JOIN promoted_model p ON p.name = m.name "
                + "ORDER BY m.trained_at, m.name");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                entries.add(new ModelShelf.Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Instant.parse(rs.getString(5)), rs.getBoolean(6)));
            }
        }
        return entries;
    }

    /** A model's archive; null when there is no model of that name. */
    public static byte[] files(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT files FROM models WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        }
    }

    /**
     * Inserts the model and, when asked, promotes it if {@code promotedBefore} (null: none) is still the
     * promoted one; returns whether it was promoted. The caller owns the transaction.
     */
    public static boolean add(Connection c, ModelShelf.Entry entry, byte[] files, boolean promote, String promotedBefore,
                              Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO models(name, hash, evaluation, files, trained_by, "
                + "trained_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, entry.name());
            s.setString(2, entry.hash());
            s.setString(3, entry.evaluation());
            s.setBytes(4, files);
            s.setString(5, entry.trainedBy());
            s.setString(6, entry.trainedAt().toString());
            s.executeUpdate();
        }
        if (!promote) {
            return false;
        }
        // Compare and set: a model promoted by another workstation meanwhile was not compared with this one.
        int promoted = promotedBefore == null
                ? ProjectDatabase.update(c, "INSERT INTO promoted_model(slot, name, promoted_by, promoted_at) "
                        + "VALUES (1, ?, ?, ?) ON CONFLICT(slot) DO NOTHING", entry.name(), entry.trainedBy(), at.toString())
                : ProjectDatabase.update(c, "UPDATE promoted_model SET name = ?, promoted_by = ?, promoted_at = ? "
                        + "WHERE slot = 1 AND name = ?", entry.name(), entry.trainedBy(), at.toString(), promotedBefore);
        return promoted == 1;
    }

    /** Promotes a kept model whatever was promoted before; false when there is no model of that name. */
    public static boolean promote(Connection c, String name, String by, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM models WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
            }
        }
        ProjectDatabase.update(c, "INSERT INTO promoted_model(slot, name, promoted_by, promoted_at) VALUES (1, ?, ?, ?) "
                + "ON CONFLICT(slot) DO UPDATE SET name = excluded.name, promoted_by = excluded.promoted_by, "
                + "promoted_at = excluded.promoted_at", name, by, at.toString());
        return true;
    }

    /** How each model version's proposals fared, by weights hash, counted by the database. */
    public static java.util.Map<String, ModelShelf.Use> uses(Connection c) throws SQLException {
        java.util.Map<String, ModelShelf.Use> uses = new java.util.HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT model_hash, COUNT(*), "
                + "SUM(CASE WHEN fate = 'PENDING' THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN fate IN ('ACCEPTED', 'EDITED') THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN fate = 'REJECTED' THEN 1 ELSE 0 END), "
                + "AVG(CASE WHEN fate IN ('ACCEPTED', 'EDITED') THEN final_iou END) "
                + "FROM suggestions GROUP BY model_hash");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                double meanKeptIou = rs.getDouble(6);
                if (rs.wasNull()) { // no proposal of this version was taken
                    meanKeptIou = Double.NaN;
                }
                uses.put(rs.getString(1), new ModelShelf.Use(rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                        meanKeptIou));
            }
        }
        return uses;
    }

    /** The promoted model, who promoted it and when; null when none is. */
    public static ModelShelf.Promotion promotion(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT name, promoted_by, promoted_at FROM promoted_model "
                + "WHERE slot = 1");
             ResultSet rs = s.executeQuery()) {
            return rs.next() ? new ModelShelf.Promotion(rs.getString(1), rs.getString(2), Instant.parse(rs.getString(3)))
                    : null;
        }
    }
}
