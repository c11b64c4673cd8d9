package org.groundwork.app.ui;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCombination;
import java.util.List;
import org.groundwork.annotate.core.project.CaseStatus;
import org.groundwork.annotate.fx.box.BoxTools;
import org.groundwork.viewer.core.render.SliceRenderer;
import org.groundwork.viewer.core.render.WindowLevel;
import org.groundwork.viewer.fx.MprViewer;
import org.groundwork.viewer.fx.VolumeView;

/** Builds the main window's menus. Every accelerator set here is listed in Help → Keyboard Shortcuts. */
final class MainMenuBar {
    private final MainWindow window;
    private final KeyBindings bindings;

    MainMenuBar(MainWindow window, KeyBindings bindings) {
        this.window = window;
        this.bindings = bindings;
    }

    MenuBar build() {
        MenuBar bar = new MenuBar(fileMenu(), viewMenu(), annotateMenu(), projectMenu(), assistMenu(), helpMenu(null));
        bar.setUseSystemMenuBar(true); // the macOS menu bar; ignored elsewhere
        bar.setId("mainMenuBar");
        // The shortcuts dialog reads the finished menu bar, so it is wired once the bar exists.
        bar.getMenus().set(bar.getMenus().size() - 1, helpMenu(bar));
        bindings.applyTo(bar);
        return bar;
    }

    private Menu fileMenu() {
        ImageActions images = window.imageActions();
        MenuItem openFile = item("Open Image File…", "Shortcut+O", "openFileItem");
        openFile.setOnAction(e -> images.chooseFile());
        MenuItem openFolder = item("Open Image Folder…", "Shortcut+Shift+D", "openFolderItem");
        openFolder.setOnAction(e -> images.chooseFolder());
        MenuItem fromPacs = item("Open from PACS…", "Shortcut+Shift+E", "openFromPacsItem");
        fromPacs.setOnAction(e -> window.pacs().show());
        MenuItem loadReport = item("Load Report…", "Shortcut+Shift+L", "loadReportItem");
        loadReport.setOnAction(e -> images.showReport());
        ProjectActions actions = window.projectActions();
        MenuItem open = item("Open Project…", "Shortcut+Shift+O", "openProjectItem");
        open.setOnAction(e -> actions.chooseAndOpen());
        MenuItem openShared = item("Open Shared Project…", "Shortcut+Shift+T", "openSharedItem");
        openShared.setOnAction(e -> actions.askAndOpenShared());
        MenuItem importFolder = item("Import Folder…", "Shortcut+Shift+I", "importFolderItem");
        importFolder.setOnAction(e -> actions.chooseAndImport());
        importFolder.disableProperty().bind(actions.canImportProperty().not());
        MenuItem importDataset = item("Import Dataset for Review…", null, "importDatasetItem");
        importDataset.setOnAction(e -> actions.chooseAndImportDataset());
        importDataset.disableProperty().bind(actions.canImportProperty().not());
        MenuItem export = item("Export Dataset…", "Shortcut+Shift+X", "exportItem");
        export.setOnAction(e -> actions.chooseAndExport());
        export.disableProperty().bind(actions.canExportProperty().not());
        MenuItem quit = item("Quit", "Shortcut+Q", "quitItem");
        quit.setOnAction(e -> Platform.exit()); // Application.stop() saves the layout and closes the project
        return menu("File", "fileMenu", openFile, openFolder, fromPacs, loadReport, new SeparatorMenuItem(), open, openShared, importFolder, importDataset, export,
                new SeparatorMenuItem(), quit);
    }

    private Menu viewMenu() {
        MprViewer viewer = window.viewer();
        MenuItem single = item("Single View", "Shortcut+1", "layoutSingleItem");
        single.setOnAction(e -> viewer.layoutProperty().set(MprViewer.Layout.SINGLE));
        MenuItem mpr = item("Axial, Coronal, Sagittal", "Shortcut+2", "layoutMprItem");
        mpr.setOnAction(e -> viewer.layoutProperty().set(MprViewer.Layout.ONE_BY_THREE));
        MenuItem mpr3d = item("Three Planes and 3D", "Shortcut+3", "layout3dItem");
        mpr3d.setOnAction(e -> viewer.layoutProperty().set(MprViewer.Layout.TWO_BY_TWO));
        Menu rendering = new Menu("3D Rendering");
        rendering.setId("renderingMenu");
        String[] renderingKeys = {"Shortcut+Alt+1", "Shortcut+Alt+2", "Shortcut+Alt+3", "Shortcut+Alt+4"};
        String[] renderingNames = {"Maximum Intensity Projection", "CT Bone", "CT Soft Tissue", "MR"};
        for (VolumeView.Rendering r : VolumeView.Rendering.values()) {
            MenuItem choice = item(renderingNames[r.ordinal()], renderingKeys[r.ordinal()], null);
            choice.setOnAction(e -> viewer.volumeView().renderingProperty().set(r));
            rendering.getItems().add(choice);
        }
        CheckMenuItem planes = new CheckMenuItem("Show Planes in 3D");
        planes.setId("showPlanesItem");
        planes.selectedProperty().bindBidirectional(viewer.volumeView().showPlanesProperty());
        rendering.getItems().addAll(new SeparatorMenuItem(), planes);
        Menu presets = new Menu("Window Preset");
        presets.setId("presetMenu");
        presets.getItems().add(preset("Auto (histogram)", "F2", () -> WindowLevel.auto(viewer.volumeProperty().get())));
        presets.getItems().add(preset("Full Range", "F3", () -> WindowLevel.fullRange(viewer.volumeProperty().get())));
        String[] keys = {"F4", "F5", "F6", "F7", "F8"};
        for (int i = 0; i < WindowLevel.CT_PRESETS.size(); i++) {
            WindowLevel.Preset p = WindowLevel.CT_PRESETS.get(i);
            presets.getItems().add(preset("CT " + p.name(), keys[i], p::window));
        }
        CheckMenuItem invert = new CheckMenuItem("Invert Grey");
        invert.setId("invertItem");
        invert.setAccelerator(KeyCombination.keyCombination("Shortcut+I"));
        invert.selectedProperty().bindBidirectional(viewer.invertProperty());
        CheckMenuItem smooth = new CheckMenuItem("Smooth (Linear) Interpolation");
        smooth.setId("smoothItem");
        smooth.setAccelerator(KeyCombination.keyCombination("Shortcut+L"));
        smooth.setSelected(true);
        smooth.selectedProperty().addListener((obs, was, on) -> viewer.interpolationProperty().set(
                on ? SliceRenderer.Interpolation.LINEAR : SliceRenderer.Interpolation.NEAREST));
        CheckMenuItem text = new CheckMenuItem("Overlay Text");
        text.setId("overlayTextItem");
        text.setAccelerator(KeyCombination.keyCombination("Shortcut+T"));
        text.selectedProperty().bindBidirectional(viewer.overlayTextVisibleProperty());
        CheckMenuItem hideIdentity = new CheckMenuItem("Hide Patient Details (Screen Sharing)");
        hideIdentity.setId("hidePatientItem");
        hideIdentity.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+P"));
        hideIdentity.setSelected(!viewer.identifyingTextVisibleProperty().get());
        hideIdentity.selectedProperty().addListener((obs, was, on) -> viewer.identifyingTextVisibleProperty().set(!on));
        CheckMenuItem neurological = new CheckMenuItem("Neurological Convention (Patient's Left on Left)");
        neurological.setId("neurologicalItem");
        neurological.selectedProperty().bindBidirectional(viewer.neurologicalProperty());
        MenuItem reset = item("Reset View", "Shortcut+0", "resetViewItem");
        reset.setOnAction(e -> viewer.reset());
        return menu("View", "viewMenu", single, mpr, mpr3d, rendering, new SeparatorMenuItem(), presets, invert, smooth, text,
                hideIdentity, neurological, reset,
                new SeparatorMenuItem(),
                paneToggle("Worklist", "Shortcut+Shift+W", "toggleWorklistItem", window.worklistPane()),
                paneToggle("Annotation Pane", "Shortcut+Shift+A", "toggleAnnotationItem", window.annotationPane()));
    }

    private MenuItem preset(String name, String key, java.util.function.Supplier<WindowLevel> window) {
        MenuItem item = item(name, key, null);
        item.setOnAction(e -> {
            if (this.window.viewer().volumeProperty().get() != null) {
                this.window.viewer().windowProperty().set(window.get());
            }
        });
        return item;
    }

    private Menu annotateMenu() {
        CaseWorkspace workspace = window.workspace();
        BoxTools boxes = workspace.boxes();
        ToggleGroup tools = new ToggleGroup();
        RadioMenuItem select = tool("Select and Move", "V", "selectToolItem", BoxTools.Tool.SELECT, tools, boxes);
        RadioMenuItem box3d = tool("3D Box Tool", "B", "box3dToolItem", BoxTools.Tool.BOX_3D, tools, boxes);
        RadioMenuItem box2d = tool("2D Box Tool", "N", "box2dToolItem", BoxTools.Tool.BOX_2D, tools, boxes);
        MenuItem undo = item("Undo", "Shortcut+Z", "undoItem");
        undo.setOnAction(e -> workspace.undo());
        MenuItem redo = item("Redo", "Shortcut+Y", "redoItem");
        redo.setOnAction(e -> workspace.redo());
        MenuItem duplicate = item("Duplicate Box", "Shortcut+D", "duplicateBoxItem");
        duplicate.setOnAction(e -> boxes.duplicateSelected());
        MenuItem delete = item("Delete Box", null, "deleteBoxItem");
        delete.setOnAction(e -> boxes.deleteSelected());
        MenuItem step = item("Write Reasoning Step", "Shortcut+E", "writeStepItem");
        step.setOnAction(e -> workspace.pane().focusStepField());
        MenuItem linkBox = item("Link Selected Box to Step", "Shortcut+Shift+K", "linkBoxItem");
        linkBox.setOnAction(e -> workspace.pane().linkSelectedBox());
        MenuItem bookmark = item("Bookmark View for Step", "Shortcut+K", "bookmarkItem");
        bookmark.setOnAction(e -> workspace.pane().bookmarkView());
        MenuItem next = item("Next Unfinished Case", "Shortcut+Enter", "nextCaseItem");
        next.setOnAction(e -> workspace.nextCase());
        MenuItem done = item("Mark Case Done", "Shortcut+Shift+Enter", "markDoneItem");
        done.setOnAction(e -> workspace.setStatus(CaseStatus.DONE));
        MenuItem review = item("Mark Case Needs Review", "Shortcut+Shift+R", "markReviewItem");
        review.setOnAction(e -> workspace.setStatus(CaseStatus.NEEDS_REVIEW));
        MenuItem assign = item("Assign Case to Me", null, "assignItem");
        assign.setOnAction(e -> workspace.assignToMe());
        for (MenuItem caseItem : List.of(undo, redo, duplicate, delete, step, linkBox, bookmark, done, review, assign)) {
            caseItem.disableProperty().bind(workspace.openCaseProperty().isNull());
        }
        return menu("Annotate", "annotateMenu", select, box3d, box2d, new SeparatorMenuItem(), undo, redo,
                duplicate, delete, new SeparatorMenuItem(), step, linkBox, bookmark, new SeparatorMenuItem(), next,
                done, review, assign);
    }

    private static RadioMenuItem tool(String text, String keys, String id, BoxTools.Tool tool, ToggleGroup group,
                                      BoxTools boxes) {
        RadioMenuItem item = new RadioMenuItem(text);
        item.setId(id);
        item.setAccelerator(KeyCombination.keyCombination(keys));
        item.setToggleGroup(group);
        item.setSelected(boxes.toolProperty().get() == tool);
        item.setOnAction(e -> boxes.toolProperty().set(tool));
        boxes.toolProperty().addListener((obs, old, now) -> item.setSelected(now == tool));
        return item;
    }

    private Menu projectMenu() {
        ReadingActions reading = window.reading();
        MenuItem switchReader = item("Switch Reader…", "Shortcut+Shift+U", "switchReaderItem");
        switchReader.setOnAction(e -> reading.chooseReader());
        MenuItem setup = item("Reading Setup…", null, "readingSetupItem");
        setup.setOnAction(e -> reading.chooseSetup());
        setup.disableProperty().bind(window.projectActions().canImportProperty().not());
        MenuItem caseReaders = item("Readers of This Case…", null, "caseReadersItem");
        caseReaders.setOnAction(e -> reading.chooseCaseReaders());
        caseReaders.disableProperty().bind(window.workspace().openCaseProperty().isNull());
        MenuItem adjudicate = item("Adjudicate Case…", "Shortcut+Shift+B", "adjudicateItem");
        adjudicate.setOnAction(e -> reading.adjudicate());
        adjudicate.disableProperty().bind(window.workspace().openCaseProperty().isNull());
        MenuItem agreement = item("Agreement between Readers…", "Shortcut+Shift+J", "agreementItem");
        agreement.setOnAction(e -> window.agreement().show(window.stage()));
        agreement.disableProperty().bind(window.projectActions().canExportProperty().not());
        return menu("Project", "projectMenu", switchReader, setup, caseReaders, new SeparatorMenuItem(), adjudicate,
                agreement);
    }

    private Menu assistMenu() {
        AssistActions assist = window.assistActions();
        MenuItem suggest = item("Suggest Boxes for the Selected Question", "Shortcut+Shift+G", "suggestItem");
        suggest.setOnAction(e -> assist.suggest());
        MenuItem suggestCase = item("Suggest Boxes for All Questions of the Case", null, "suggestCaseItem");
        suggestCase.setOnAction(e -> assist.suggest(AssistActions.Scope.CASE_QUESTIONS));
        MenuItem suggestProtocol = item("Suggest Boxes for the Whole Protocol", null, "suggestProtocolItem");
        suggestProtocol.setOnAction(e -> assist.suggest(AssistActions.Scope.PROTOCOL));
        MenuItem acceptConfident = item("Accept Suggestions at 50% or More", null, "acceptConfidentItem");
        acceptConfident.setOnAction(e -> assist.acceptConfident());
        CheckMenuItem blindFirst = new CheckMenuItem("Blind-First Mode (Proposals after Your Own Box)");
        blindFirst.setId("blindFirstItem");
        blindFirst.selectedProperty().bindBidirectional(assist.blindFirst());
        blindFirst.disableProperty().bind(window.projectActions().canImportProperty().not());
        CheckMenuItem trial = new CheckMenuItem("Assist Trial (No Proposals for Half the Cases, at Random)");
        trial.setId("assistTrialItem");
        trial.selectedProperty().bindBidirectional(assist.assistTrial());
        trial.disableProperty().bind(window.projectActions().canImportProperty().not());
        MenuItem report = item("Assist Report…", null, "assistReportItem");
        report.setOnAction(e -> assist.report(window.stage()));
        MenuItem train = item("Train Model", null, "trainModelItem");
        train.setOnAction(e -> assist.train(window.stage()));
        train.disableProperty().bind(window.projectActions().canExportProperty().not());
        CheckMenuItem retrain = new CheckMenuItem("Retrain as Cases Are Finished");
        retrain.setId("retrainItem");
        retrain.selectedProperty().bindBidirectional(assist.retrainAsCasesFinish());
        retrain.disableProperty().bind(assist.canTrainProperty().not());
        MenuItem models = item("Models…", null, "modelsItem");
        models.setOnAction(e -> assist.models(window.stage()));
        MenuItem diagnostics = item("Diagnostics…", null, "assistDiagnosticsItem");
        diagnostics.setOnAction(e -> assist.diagnostics(window.stage()));
        return menu("Assist", "assistMenu", suggest, suggestCase, suggestProtocol, acceptConfident, new SeparatorMenuItem(),
                train, retrain, models,
                new SeparatorMenuItem(), blindFirst, trial, report, diagnostics);
    }

    private Menu helpMenu(MenuBar bar) {
        MenuItem shortcuts = item("Keyboard Shortcuts", "F1", "shortcutsItem");
        shortcuts.setOnAction(e -> ShortcutsDialog.show(window.stage(), bar, bindings));
        MenuItem tour = item("Tour", "Shift+F1", "tourItem");
        tour.setOnAction(e -> window.tour().resume());
        MenuItem demo = item("Open Demo Project", null, "demoItem");
        demo.setOnAction(e -> window.openDemo());
        MenuItem about = item("About Groundwork", null, "aboutItem");
        about.setOnAction(e -> AboutDialog.show(window.stage()));
        return menu("Help", "helpMenu", shortcuts, tour, demo, new SeparatorMenuItem(), about);
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
        // Every command has an id: the user's own shortcuts are kept by it.
        item.setId(id != null ? id : "item-" + text.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
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
