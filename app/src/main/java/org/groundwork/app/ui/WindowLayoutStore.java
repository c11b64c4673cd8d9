package org.groundwork.app.ui;

import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/** Remembers the {@link WindowLayout} and the display preferences between runs in the user's Java preferences. */
public final class WindowLayoutStore {
    /** System property naming another preferences node, so tests never touch the user's own. */
    public static final String NODE_PROPERTY = "groundwork.preferences.node";
    private static final String DEFAULT_NODE = "org/groundwork/app";

    private final Preferences node;

    public WindowLayoutStore(Preferences node) {
        this.node = node;
    }

    public static WindowLayoutStore forUser() {
        return new WindowLayoutStore(preferences("window"));
    }

    /** A node of the application's preferences (another root in tests, see {@link #NODE_PROPERTY}). */
    static Preferences preferences(String name) {
        return Preferences.userRoot().node(System.getProperty(NODE_PROPERTY, DEFAULT_NODE)).node(name);
    }

    public WindowLayout load() {
        WindowLayout d = WindowLayout.DEFAULT;
        return new WindowLayout(
                node.getDouble("x", d.x()),
                node.getDouble("y", d.y()),
                atLeast(node.getDouble("width", d.width()), 400),
                atLeast(node.getDouble("height", d.height()), 300),
                node.getBoolean("maximized", d.maximized()),
                fraction(node.getDouble("leftDivider", d.leftDivider()), d.leftDivider()),
                fraction(node.getDouble("rightDivider", d.rightDivider()), d.rightDivider()));
    }

    public void save(WindowLayout layout) {
        node.putDouble("x", layout.x());
        node.putDouble("y", layout.y());
        node.putDouble("width", layout.width());
        node.putDouble("height", layout.height());
        node.putBoolean("maximized", layout.maximized());
        node.putDouble("leftDivider", layout.leftDivider());
        node.putDouble("rightDivider", layout.rightDivider());
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // Losing the window size is harmless; the next start uses the defaults.
            System.err.println("warning: could not save window layout: " + e.getMessage());
        }
    }

    /** The neurological display convention (patient's left on the left); radiological by default. */
    public boolean neurological() {
        return node.getBoolean("neurological", false);
    }

    public void saveNeurological(boolean on) {
        saveFlag("neurological", on, "the display convention");
    }

    /** Whether the views leave out the patient's name, ID and study date (for screen sharing). */
    public boolean hidePatientDetails() {
        return node.getBoolean("hidePatientDetails", false);
    }

    public void saveHidePatientDetails(boolean on) {
        saveFlag("hidePatientDetails", on, "whether patient details are hidden");
    }

    private void saveFlag(String key, boolean on, String what) {
        node.putBoolean(key, on);
        try {
            node.flush();
        } catch (BackingStoreException e) {
            System.err.println("warning: could not save " + what + ": " + e.getMessage());
        }
    }

    public void clear() throws BackingStoreException {
        node.clear();
        node.flush();
    }

    private static double atLeast(double value, double minimum) {
        return Double.isFinite(value) ? Math.max(value, minimum) : minimum;
    }

    private static double fraction(double value, double fallback) {
        return value > 0 && value < 1 ? value : fallback;
    }
}
