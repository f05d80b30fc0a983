package dev.gantry.image;

/** A fully qualified image name in a registry: {@code registry/repository:tag}. */
public record ImageReference(String registry, String repository, String tag) {

    /** The image of {@code repository} at {@code tag} in {@code registry}. */
    public static ImageReference of(String registry, String repository, String tag) {
        return new ImageReference(registry, repository, tag);
    }

    /**
     * Parses {@code registry/repository:tag}; the registry is the first path component and must
     * be a host (with a dot or a port, or localhost).
     */
    public static ImageReference parse(String reference) {
        int slash = reference.indexOf('/');
        int colon = reference.lastIndexOf(':');
        if (slash <= 0 || colon < slash) {
            throw new IllegalArgumentException("expected registry/repository:tag, got " + reference);
        }
        String registry = reference.substring(0, slash);
        return new ImageReference(registry, reference.substring(slash + 1, colon), reference.substring(colon + 1));
    }

    /** The same repository with another tag. */
    public ImageReference withTag(String newTag) {
        return new ImageReference(registry, repository, newTag);
    }

    @Override
    public String toString() {
        return registry + "/" + repository + ":" + tag;
    }
}
