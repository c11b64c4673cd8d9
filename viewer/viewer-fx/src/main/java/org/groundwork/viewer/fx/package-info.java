/** JavaFX slice view, MPR layout, 3D view and the tool and overlay API. */
package org.groundwork.viewer.fx;
