package dev.gantry.config;

import java.util.Optional;

/**
 * The rules of a branch name, as git's own {@code git check-ref-format --branch} applies them
 * (git-check-ref-format(1)), checked wherever a name enters Gantry: {@code gantry service add --branch},
 * a webhook's ref and a pushed ref. One rule stricter than git: the name {@code @}, which git's
 * revision syntax reads as HEAD, is refused too; and a name is at most {@link #MAX_LENGTH} characters.
 */
public final class BranchName {
    /** The longest branch name taken, in characters. */
    public static final int MAX_LENGTH = 255;
    private static final String FORBIDDEN = " ~^:?*[\\";

    private BranchName() {
    }

    /** Which rule {@code name} breaks, worded to follow "it ", or empty if it is a valid branch name. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("is empty");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return Optional.of("contains a control character");
            }
            if (FORBIDDEN.indexOf(c) >= 0) {
                return Optional.of("contains '" + c + "' (a branch name has no space, ~ ^ : ? * [ or \\)");
            }
        }
        return shape(name).or(() -> components(name));
    }

    /** What to tell a person about {@code name}, naming the rule it breaks; empty if it is valid. */
    public static Optional<String> refusal(String name) {
        return problem(name).map(rule -> "The branch " + (name == null ? "(none)" : "\"" + escaped(name) + "\"")
                + " is not a valid branch name: it " + rule + ". Branch names follow git check-ref-format --branch;"
                + " give one like main or release/2.1.");
    }

    private static Optional<String> shape(String name) {
        if (name.equals("@")) {
            return Optional.of("is '@', which git reads as HEAD");
        }
        if (name.equals("HEAD")) {
            return Optional.of("is HEAD, which names the current branch, not a branch");
        }
        if (name.startsWith("-")) {
            return Optional.of("starts with '-'");
        }
        if (name.startsWith("/")) {
            return Optional.of("starts with '/'");
        }
        if (name.endsWith("/")) {
            return Optional.of("ends with '/'");
        }
        if (name.endsWith(".")) {
            return Optional.of("ends with '.'");
        }
        if (name.contains("..")) {
            return Optional.of("contains '..'");
        }
        if (name.contains("//")) {
            return Optional.of("contains '//'");
        }
        if (name.contains("@{")) {
            return Optional.of("contains '@{'");
        }
        return Optional.empty();
    }

    private static Optional<String> components(String name) {
        for (String component : name.split("/")) {
            if (component.startsWith(".")) {
                return Optional.of("has a part starting with '.' (" + component + ")");
            }
            if (component.endsWith(".lock")) {
                return Optional.of("has a part ending with '.lock' (" + component + ")");
            }
        }
        return Optional.empty();
    }

    /** The name as safe to print: control characters as \\uXXXX, so a message never carries them raw. */
    private static String escaped(String name) {
        var text = new StringBuilder();
        String shown = name.length() > 80 ? name.substring(0, 80) + "…" : name;
        for (char c : shown.toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                text.append(String.format("\\u%04x", (int) c));
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }
}
