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

    static List<Shortcut> collect(MenuBar bar) {
        List<Shortcut> shortcuts = new ArrayList<>();
        for (Menu menu : bar.getMenus()) {
            collect(menu, menu.getText(), shortcuts);
        }
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
        table.setPrefSize(480, 320);

        Alert dialog = new Alert(Alert.AlertType.NONE, null, ButtonType.CLOSE);
        dialog.initOwner(owner);
        dialog.setTitle("Keyboard Shortcuts");
        dialog.setHeaderText("Keyboard shortcuts");
        dialog.getDialogPane().setContent(table);
        dialog.show();
    }
}
