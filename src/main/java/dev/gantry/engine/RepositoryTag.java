package dev.gantry.engine;

/** An image reference split the way the push and pull APIs want it: repository, then tag. */
record RepositoryTag(String repository, String tag) {

    static RepositoryTag parse(String reference) {
        int colon = reference.lastIndexOf(':');
        if (colon < 0 || reference.indexOf('/', colon) >= 0) {
            throw new IllegalArgumentException("an image reference needs repository:tag, got " + reference);
        }
        return new RepositoryTag(reference.substring(0, colon), reference.substring(colon + 1));
    }
}
