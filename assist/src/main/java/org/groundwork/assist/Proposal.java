package org.groundwork.assist;

/**
 * A box a model suggests for one region of one volume; a reader accepts, edits or rejects it.
 *
 * @param confidence in [0, 1]
 * @param modelHash SHA-256 of the model's weights (hex)
 * @param latencyMillis how long the model took for the whole request this proposal came from
 */
public record Proposal(RegionBox box, double confidence, String modelId, String modelHash, long latencyMillis) {
}
