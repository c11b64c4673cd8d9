package org.groundwork.app.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCombination;

/**
 * The user's own shortcuts: any menu command can get other keys, kept in the Java preferences by
 * the menu item's id, and put back to the defaults.
 */
final class KeyBindings {
    private static final String DEFAULT = "groundwork.defaultAccelerator";
    private final Preferences node;

    KeyBindings(Preferences node) {
        this.node = node;
    }

    static KeyBindings forUser() {
        String path = System.getProperty(WindowLayoutStore.NODE_PROPERTY, "org/groundwork/app");
        return new KeyBindings(Preferences.userRoot().node(path).node("keys"));
    }

    /** Every menu item that has an id, depth first. */
    static List<MenuItem> items(MenuBar bar) {
        List<MenuItem> items = new ArrayList<>();
        for (Menu menu : bar.getMenus()) {
            collect(menu, items);
        }
        return items;
    }

    private static void collect(Menu menu, List<MenuItem> into) {
        for (MenuItem item : menu.getItems()) {
            if (item instanceof Menu submenu) {
                collect(submenu, into);
            } else if (item.getId() != null) {
                into.add(item);
            }
        }
    }

    /** Remembers each item's default keys and applies the user's own. */
    void applyTo(MenuBar bar) {
        for (MenuItem item : items(bar)) {
            item.getProperties().putIfAbsent(DEFAULT, item.getAccelerator() == null ? "" : item.getAccelerator().getName());
            String own = node.get(item.getId(), null);
            if (own != null) {
                item.setAccelerator(own.isEmpty() ? null : KeyCombination.keyCombination(own));
            }
        }
    }

    /** The other item that already uses {@code keys}, if any. */
    static Optional<MenuItem> conflict(MenuBar bar, KeyCombination keys, MenuItem except) {
        return items(bar).stream().filter(i -> i != except && keys.equals(i.getAccelerator())).findFirst();
    }

    void rebind(MenuItem item, KeyCombination keys) {
        item.setAccelerator(keys);
        node.put(item.getId(), keys == null ? "" : keys.getName());
        flush();
    }

    void resetAll(MenuBar bar) {
        for (MenuItem item : items(bar)) {
            Object keys = item.getProperties().get(DEFAULT);
            if (keys != null) {
                item.setAccelerator(keys.toString().isEmpty() ? null : KeyCombination.keyCombination(keys.toString()));
            }
            node.remove(item.getId());
        }
        flush();
    }

    private void flush() {
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // the keys still apply until the application quits; the preference store retries on exit
        }
    }
}
