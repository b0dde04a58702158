package dev.wharf.cli.verbs;

import java.util.List;
import java.util.Optional;

/**
 * A noun and its verbs ({@code user create|list|...}). A group with one verb named like itself ({@code share})
 * is used without a verb word.
 */
public record VerbGroup(String name, String summary, List<Verb> verbs) {

    public static VerbGroup of(String name, String summary, Verb... verbs) {
        return new VerbGroup(name, summary, List.of(verbs));
    }

    public boolean direct() {
        return verbs.size() == 1 && verbs.getFirst().name().equals(name);
    }

    public Optional<Verb> verb(String word) {
        return verbs.stream().filter(v -> v.name().equals(word)).findFirst();
    }
}
