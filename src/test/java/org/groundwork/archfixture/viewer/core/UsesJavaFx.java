package org.groundwork.archfixture.viewer.core;

/** Planted violation: a core module using JavaFX. */
public class UsesJavaFx {
    public Object colour() {
        return javafx.scene.paint.Color.RED;
    }
}
