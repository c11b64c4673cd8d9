package org.groundwork.assist;

import java.util.List;
import java.util.Set;
import org.groundwork.viewer.core.LoadMonitor;
import org.groundwork.viewer.core.Volume;

/** A model that suggests region boxes on a volume. Implementations are found with {@link SuggestionModels}. */
public interface SuggestionModel {
    /** A stable name, e.g. "atlas-prior". */
    String id();

    /** SHA-256 (hex) of what the model learnt, so a box can be traced to the exact model that proposed it. */
    String weightsHash();

    /** The regions it can suggest. */
    Set<String> regions();

    /** One proposal per wanted region it knows; cancellable through {@code monitor}. */
    List<Proposal> suggest(Volume volume, Set<String> wanted, LoadMonitor monitor) throws AssistException;
}
