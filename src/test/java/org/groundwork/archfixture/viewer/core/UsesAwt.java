package org.groundwork.archfixture.viewer.core;

/** Planted violation: a core module using AWT outside the codec bridge. */
public class UsesAwt {
    public Object point() {
        return new java.awt.Point(1, 2);
    }
}
