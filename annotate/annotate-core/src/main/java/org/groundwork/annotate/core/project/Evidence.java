package org.groundwork.annotate.core.project;

import java.util.Arrays;

/** What a reasoning step points at in the images. */
public sealed interface Evidence {
    /** A box of the same case. */
    record BoxRef(String boxId) implements Evidence {
    }

    /**
     * A bookmarked view: the plane and slice shown, the window, and the linked cursor position.
     *
     * @param plane AXIAL, CORONAL or SAGITTAL
     * @param lps the cursor in patient millimetres (LPS)
     */
    record ViewBookmark(String plane, int slice, double windowCenter, double windowWidth, double[] lps)
            implements Evidence {
        public ViewBookmark {
            lps = lps.clone();
        }

        @Override
        public double[] lps() {
            return lps.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ViewBookmark b && plane.equals(b.plane) && slice == b.slice
                    && windowCenter == b.windowCenter && windowWidth == b.windowWidth && Arrays.equals(lps, b.lps);
        }

        @Override
        public int hashCode() {
            return plane.hashCode() * 31 + slice * 17 + Arrays.hashCode(lps);
        }
    }
}
