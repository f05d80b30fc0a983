package dev.gantry.image;

/** A fully qualified image name in a registry: {@code registry/repository:tag}. */
public record ImageReference(String registry, String repository, String tag) {

    /** The image of {@code repository} at {@code tag} in {@code registry}. */
    public static ImageReference of(String registry, String repository, String tag) {
        return new ImageReference(registry, repository, tag);
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
