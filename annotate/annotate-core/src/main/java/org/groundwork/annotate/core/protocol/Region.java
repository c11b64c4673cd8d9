package org.groundwork.annotate.core.protocol;

/**
 * An anatomical region a protocol asks about, e.g. "femur medial central".
 *
 * @param parent id of the enclosing region, or null at the top
 * @param colour how its boxes are drawn, as {@code #rrggbb}
 */
public record Region(String id, String name, String parent, String colour) {
}
