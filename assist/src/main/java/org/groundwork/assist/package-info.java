/**
 * Suggestion models behind one interface (found with {@link java.util.ServiceLoader}), the atlas prior,
 * the model engine check (DJL, PyTorch CPU bundled for offline use) and the knee phantom generator. No JavaFX.
 */
package org.groundwork.assist;
