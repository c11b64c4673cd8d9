package org.groundwork.app.ui;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCombination;

/** Builds the main window's menus. Every accelerator set here is listed in Help → Keyboard Shortcuts. */
final class MainMenuBar {
    private final MainWindow window;

    MainMenuBar(MainWindow window) {
        this.window = window;
    }

    MenuBar build() {
        MenuBar bar = new MenuBar(fileMenu(), viewMenu(), annotateMenu(), assistMenu(), helpMenu(null));
        bar.setId("mainMenuBar");
        // The shortcuts dialog reads the finished menu bar, so it is wired once the bar exists.
        bar.getMenus().set(4, helpMenu(bar));
        return bar;
    }

    private Menu fileMenu() {
        ProjectActions actions = window.projectActions();
        MenuItem open = item("Open Project…", "Shortcut+Shift+O", "openProjectItem");
        open.setOnAction(e -> actions.chooseAndOpen());
        MenuItem importFolder = item("Import Folder…", "Shortcut+I", "importFolderItem");
        importFolder.setOnAction(e -> actions.chooseAndImport());
        importFolder.disableProperty().bind(actions.canImportProperty().not());
        MenuItem quit = item("Quit", "Shortcut+Q", "quitItem");
        quit.setOnAction(e -> Platform.exit()); // Application.stop() saves the layout and closes the project
        return menu("File", "fileMenu", open, importFolder, new SeparatorMenuItem(), quit);
    }

    private Menu viewMenu() {
        return menu("View", "viewMenu",
                paneToggle("Worklist", "Shortcut+Shift+W", "toggleWorklistItem", window.worklistPane()),
                paneToggle("Annotation Pane", "Shortcut+Shift+A", "toggleAnnotationItem", window.annotationPane()));
    }

    private Menu annotateMenu() {
        MenuItem none = new MenuItem("Open a case to annotate it");
        none.setDisable(true);
        return menu("Annotate", "annotateMenu", none);
    }

    private Menu assistMenu() {
        MenuItem none = new MenuItem("No model loaded");
        none.setDisable(true);
        return menu("Assist", "assistMenu", none);
    }

    private Menu helpMenu(MenuBar bar) {
        MenuItem shortcuts = item("Keyboard Shortcuts", "F1", "shortcutsItem");
        shortcuts.setOnAction(e -> ShortcutsDialog.show(window.stage(), bar));
        MenuItem about = item("About Groundwork", null, "aboutItem");
        about.setOnAction(e -> AboutDialog.show(window.stage()));
        return menu("Help", "helpMenu", shortcuts, new SeparatorMenuItem(), about);
    }

    private CheckMenuItem paneToggle(String text, String accelerator, String id, Node pane) {
        CheckMenuItem toggle = new CheckMenuItem(text);
        toggle.setId(id);
        toggle.setAccelerator(KeyCombination.keyCombination(accelerator));
        toggle.setSelected(true);
        toggle.selectedProperty().addListener((obs, was, visible) -> window.setSidePaneVisible(pane, visible));
        return toggle;
    }

    private static MenuItem item(String text, String accelerator, String id) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        return item;
    }

    private static Menu menu(String text, String id, MenuItem... items) {
        Menu menu = new Menu(text, null, items);
        menu.setId(id);
        return menu;
    }
}
