/** Protocols, boxes, reasoning chains, grades, case state, edit commands with undo, and repository interfaces. No JavaFX. */
package org.groundwork.annotate.core;
