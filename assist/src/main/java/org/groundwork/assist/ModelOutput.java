package org.groundwork.assist;

/** Checks on what a model's forward pass gave back, before any of it becomes a box. */
public final class ModelOutput {
    private ModelOutput() {
    }

    /**
     * Whether every value is a finite number. The PyTorch engine has, rarely and under garbage
     * collection on several threads, given NaN for a whole prediction; such output must never be
     * turned into boxes.
     */
    public static boolean allFinite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
