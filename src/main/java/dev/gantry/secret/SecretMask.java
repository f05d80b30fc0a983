package dev.gantry.secret;

import dev.gantry.LineCut;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Replaces a service's secret values with {@code ***} in any text: as they are, URL-encoded
 * ({@code +} and {@code %20} for spaces), and base64-encoded (standard and URL-safe, with or
 * without padding, alone or inside a longer base64 text). Values shorter than {@link #SHORTEST}
 * characters are not masked (and cannot be set). Every output path of a run goes through one.
 */
public final class SecretMask {
    /** What a secret becomes in output. */
    public static final String MASK = "***";
    /** The shortest value that is masked: shorter ones would mask ordinary words and numbers. */
    public static final int SHORTEST = 4;
    /** How a cut line ends ({@link LineCut}): a secret the cut fell into leaves only its head, which no form matches. */
    private static final String CUT = LineCut.MARKER_START;
    /** A mask that changes nothing: the service has no secrets. */
    public static final SecretMask NONE = new SecretMask(List.of());

    private final List<String> forms;

    private SecretMask(List<String> forms) {
        this.forms = forms;
    }

    /** The mask of these values. */
    public static SecretMask of(Collection<String> values) {
        Set<String> forms = new LinkedHashSet<>();
        values.forEach(value -> forms.addAll(MaskForms.of(value, SHORTEST)));
        List<String> longestFirst = new ArrayList<>(forms);
        // a longer form may contain a shorter one: replacing it first leaves no piece of it behind
        longestFirst.sort(Comparator.comparingInt(String::length).reversed());
        return new SecretMask(List.copyOf(longestFirst));
    }

    /**
     * {@code text} with every form of every secret replaced by {@link #MASK}, and the head of a form that a
     * line cut split in two (the longest end before a cut marker that begins a form) too; null stays null.
     */
    public String apply(String text) {
        if (text == null || forms.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String form : forms) {
            if (masked.contains(form)) {
                masked = masked.replace(form, MASK);
            }
        }
        return masked.contains(CUT) ? maskHeadsBeforeCuts(masked) : masked;
    }

    private String maskHeadsBeforeCuts(String text) {
        StringBuilder masked = new StringBuilder(text.length());
        int from = 0;
        for (int cut = text.indexOf(CUT); cut >= 0; cut = text.indexOf(CUT, cut + CUT.length())) {
            int head = longestHead(text, from, cut);
            masked.append(text, from, cut - head).append(head > 0 ? MASK : "");
            from = cut;
        }
        return masked.append(text, from, text.length()).toString();
    }

    /** The length of the longest text ending at {@code cut} (not before {@code start}) that begins a form. */
    private int longestHead(String text, int start, int cut) {
        int longest = 0;
        for (String form : forms) {
            for (int length = Math.min(form.length() - 1, cut - start); length > longest; length--) {
                if (text.regionMatches(cut - length, form, 0, length)) {
                    longest = length;
                    break;
                }
            }
        }
        return longest;
    }

    /** Each line masked. */
    public List<String> lines(List<String> lines) {
        return forms.isEmpty() ? lines : lines.stream().map(this::apply).toList();
    }

    /** Whether this mask changes nothing. */
    public boolean isEmpty() {
        return forms.isEmpty();
    }

    /**
     * {@code failure} if nothing it says (its message, or a cause's) holds a secret, else a
     * {@link MaskedException} that says the same with the secrets masked.
     */
    public RuntimeException failure(RuntimeException failure) {
        return isEmpty() || !MaskedException.reveals(failure, this) ? failure : MaskedException.of(failure, this);
    }

    /** Never the values: how many forms it masks. */
    @Override
    public String toString() {
        return "SecretMask[" + forms.size() + " forms]";
    }
}
