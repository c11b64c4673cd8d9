package org.groundwork.assist;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** The model factories on the class path. */
public final class SuggestionModels {
    private SuggestionModels() {
    }

    public static List<SuggestionModelFactory> factories() {
        return ServiceLoader.load(SuggestionModelFactory.class).stream().map(ServiceLoader.Provider::get).toList();
    }

    public static Optional<SuggestionModelFactory> factory(String id) {
        return factories().stream().filter(f -> f.id().equals(id)).findFirst();
    }
}
