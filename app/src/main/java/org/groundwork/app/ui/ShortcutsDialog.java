package org.groundwork.app.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Help → Keyboard Shortcuts: every accelerator of the menu bar, read from the menus themselves, and
 * the views' own gestures. A menu command's keys can be changed here (kept between runs).
 */
final class ShortcutsDialog {
    private ShortcutsDialog() {
    }

    /** One line of the table; {@code item} is null for a view gesture, which cannot be rebound. */
    record Shortcut(String keys, String action, MenuItem item) {
        Shortcut(String keys, String action) {
            this(keys, action, null);
        }
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
            new Shortcut("Drag (box tool)", "Slice view → draw a box on this slice"),
            new Shortcut("Drag a box's edge", "Slice view → resize the selected box (its depth: in another view)"),
            new Shortcut("Drag inside a box", "Slice view → select and move it"),
            new Shortcut("↑ ↓ → ← (box selected)", "Slice view → nudge the box one voxel (Shift: ten)"),
            new Shortcut("Delete, Escape (box selected)", "Slice view → delete the box, drop the selection"),
            new Shortcut("Alt+↑ / Alt+↓", "Reasoning steps → move the step up / down"),
            new Shortcut("Enter, double-click", "Reasoning steps → edit the step; Worklist → open the case"),
            new Shortcut("Drag (3D view), Wheel", "3D view → rotate, zoom"));

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
            } else if (item.getAccelerator() != null || item.getId() != null && !item.getText().isEmpty()) {
                into.add(new Shortcut(item.getAccelerator() == null ? "" : item.getAccelerator().getDisplayText(),
                        itemPath, item));
            }
        }
    }

    static void show(Window owner, MenuBar bar, KeyBindings bindings) {
        TableView<Shortcut> table = new TableView<>();
        table.setId("shortcutsTable");
        TableColumn<Shortcut, String> keys = new TableColumn<>("Keys");
        keys.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().keys()));
        keys.setPrefWidth(170);
        TableColumn<Shortcut, String> action = new TableColumn<>("Action");
        action.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().action()));
        table.getColumns().add(keys);
        table.getColumns().add(action);
        table.getItems().setAll(collect(bar));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefSize(680, 480);

        Label note = new Label();
        note.setId("shortcutsNote");
        Button change = new Button("Change Keys…");
        change.setId("changeKeysButton");
        change.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        change.setOnAction(e -> {
            Shortcut chosen = table.getSelectionModel().getSelectedItem();
            if (chosen.item() == null) {
                note.setText("The views' own gestures cannot be changed.");
                return;
            }
            capture(owner, chosen.action()).ifPresent(k -> {
                Optional<MenuItem> taken = KeyBindings.conflict(bar, k, chosen.item());
                if (taken.isPresent()) {
                    note.setText(k.getDisplayText() + " is already used by " + taken.get().getText() + ".");
                    return;
                }
                bindings.rebind(chosen.item(), k);
                note.setText(chosen.action() + " is now " + k.getDisplayText() + ".");
                table.getItems().setAll(collect(bar));
            });
        });
        Button reset = new Button("Reset All to Defaults");
        reset.setId("resetKeysButton");
        reset.setOnAction(e -> {
            bindings.resetAll(bar);
            table.getItems().setAll(collect(bar));
            note.setText("All shortcuts are back to their defaults.");
        });

        Alert dialog = new Alert(Alert.AlertType.NONE, null, ButtonType.CLOSE);
        dialog.initOwner(owner);
        dialog.setTitle("Keyboard Shortcuts");
        dialog.setHeaderText("Keyboard shortcuts — select a command and choose Change Keys… to rebind it");
        dialog.getDialogPane().setId("shortcutsDialog");
        dialog.getDialogPane().setContent(new VBox(8, table, new HBox(8, change, reset), note));
        dialog.show();
    }

    /** Asks for a key combination; empty when cancelled with Escape or Close. */
    static Optional<KeyCombination> capture(Window owner, String action) {
        Alert ask = new Alert(Alert.AlertType.NONE, "Press the new keys for\n" + action + "\n\n(Escape cancels)",
                ButtonType.CANCEL);
        ask.initOwner(owner);
        ask.setTitle("Change Keys");
        ask.getDialogPane().setId("captureKeysDialog");
        KeyCombination[] pressed = {null};
        ask.getDialogPane().addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            KeyCode code = e.getCode();
            if (code.isModifierKey() || code == KeyCode.UNDEFINED) {
                return;
            }
            e.consume();
            if (code != KeyCode.ESCAPE) {
                pressed[0] = combination(e);
            }
            ask.close();
        });
        ask.showAndWait();
        return Optional.ofNullable(pressed[0]);
    }

    static KeyCombination combination(KeyEvent e) {
        List<KeyCombination.Modifier> modifiers = new ArrayList<>();
        if (e.isShortcutDown()) {
            modifiers.add(KeyCombination.SHORTCUT_DOWN);
        }
        if (e.isShiftDown()) {
            modifiers.add(KeyCombination.SHIFT_DOWN);
        }
        if (e.isAltDown()) {
            modifiers.add(KeyCombination.ALT_DOWN);
        }
        return new KeyCodeCombination(e.getCode(), modifiers.toArray(KeyCombination.Modifier[]::new));
    }
}
