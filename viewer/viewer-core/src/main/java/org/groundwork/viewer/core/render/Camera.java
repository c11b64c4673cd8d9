package org.groundwork.viewer.core.render;

/**
 * An orthographic view of the volume from a direction given by two angles, in patient space.
 * Azimuth 0, elevation 0 looks from the front (anterior) with the head up and the patient's right
 * on the screen's left, as a coronal view does.
 *
 * @param zoom 1 fits the whole volume; larger magnifies
 */
public record Camera(double azimuthDegrees, double elevationDegrees, double zoom) {
    public static final Camera FRONT = new Camera(0, 0, 1);

    /** Unit direction the camera looks along (LPS). */
    double[] forward() {
        double a = Math.toRadians(azimuthDegrees), e = Math.toRadians(elevationDegrees);
        // Front view looks posteriorly (+y); azimuth turns about the head-foot axis, elevation tilts it.
        return new double[] {Math.sin(a) * Math.cos(e), Math.cos(a) * Math.cos(e), Math.sin(e)};
    }

    /** Unit direction of screen x (LPS). */
    double[] right() {
        double a = Math.toRadians(azimuthDegrees);
        return new double[] {Math.cos(a), -Math.sin(a), 0};
    }

    /** Unit direction of screen y, downwards (LPS). */
    double[] down() {
        double[] f = forward(), r = right();
        // down = forward x right gives head-up for the front view (down = -z).
        return new double[] {f[1] * r[2] - f[2] * r[1], f[2] * r[0] - f[0] * r[2], f[0] * r[1] - f[1] * r[0]};
    }

    public Camera rotatedBy(double dAzimuth, double dElevation) {
        return new Camera(azimuthDegrees + dAzimuth, Math.max(-89, Math.min(89, elevationDegrees + dElevation)), zoom);
    }

    public Camera zoomedBy(double factor) {
        return new Camera(azimuthDegrees, elevationDegrees, Math.max(0.2, Math.min(20, zoom * factor)));
    }
}
