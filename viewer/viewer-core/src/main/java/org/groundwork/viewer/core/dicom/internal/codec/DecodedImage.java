package org.groundwork.viewer.core.dicom.internal.codec;

/** A decoded frame: pixel-interleaved integer samples, exactly as the codec produced them. */
public record DecodedImage(int width, int height, int bands, int[] samples) {
}
