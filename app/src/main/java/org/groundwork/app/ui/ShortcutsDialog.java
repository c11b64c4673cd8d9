package org.groundwork.app.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.stage.Window;

/** Help → Keyboard Shortcuts: every accelerator of the menu bar, read from the menus themselves. */
final class ShortcutsDialog {
    private ShortcutsDialog() {
    }

    record Shortcut(String keys, String action) {
    }

    /** Keys and gestures of the image views themselves, which no menu carries. */
    static final List<Shortcut> VIEW_GESTURES = List.of(
            new Shortcut("Wheel, ↑ ↓ → ←", "Slice view → next / previous slice"),
            new Shortcut("Page Up / Page Down", "Slice view → ten slices on / back"),
            new Shortcut("Home / End", "Slice view → first / last slice"),
            new Shortcut("Right-drag", "Slice view → window (horizontal: width, vertical: level)"),
            new Shortcut("Click, drag", "Slice view → move the linked crosshair"),
            new Shortcut("Ctrl+Wheel", "Slice view → zoom"),
            new Shortcut("Middle-drag, Shift+drag", "Slice view → pan"),
            new Shortcut("Drag, Wheel", "3D view → rotate, zoom"));

    static List<Shortcut> collect(MenuBar bar) {
        List<Shortcut> shortcuts = new ArrayList<>();
        for (Menu menu : bar.getMenus()) {
            collect(menu, menu.getText(), shortcuts);
        }
        shortcuts.addAll(VIEW_GESTURES);
        return shortcuts;
    }

    private static void collect(Menu menu, String path, List<Shortcut> into) {
        for (MenuItem item : menu.getItems()) {
            String itemPath = path + " → " + item.getText();
            if (item instanceof Menu submenu) {
                collect(submenu, itemPath, into);
            } else if (item.getAccelerator() != null) {
                into.add(new Shortcut(item.getAccelerator().getDisplayText(), itemPath));
            }
        }
    }

    static void show(Window owner, MenuBar bar) {
        TableView<Shortcut> table = new TableView<>();
        table.setId("shortcutsTable");
        TableColumn<Shortcut, String> keys = new TableColumn<>("Keys");
        keys.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().keys()));
        TableColumn<Shortcut, String> action = new TableColumn<>("Action");
        action.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().action()));
        table.getColumns().add(keys);
        table.getColumns().add(action);
        table.getItems().setAll(collect(bar));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefSize(620, 460);

        Alert dialog = new Alert(Alert.AlertType.NONE, null, ButtonType.CLOSE);
        dialog.initOwner(owner);
        dialog.setTitle("Keyboard Shortcuts");
        dialog.setHeaderText("Keyboard shortcuts");
        dialog.getDialogPane().setContent(table);
        dialog.show();
    }
}
