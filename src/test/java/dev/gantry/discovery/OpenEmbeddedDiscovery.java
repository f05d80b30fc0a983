package dev.gantry.discovery;

import dev.gantry.store.Store;

/** Run in a JVM of its own by {@link EmbeddedStartupTest}: opens embedded discovery and uses it. */
final class OpenEmbeddedDiscovery {
    private OpenEmbeddedDiscovery() {
    }

    public static void main(String[] args) {
        try (Store store = Store.open("jdbc:sqlite:" + args[0]);
             Discovery discovery = Discovery.open("embedded", store)) {
            discovery.setLive("books-ms", Colour.BLUE);
            discovery.put("books-ms", Colour.BLUE, CodecTest.BLUE_CANDIDATE);
            System.out.println("services " + discovery.services() + ", live " + discovery.live("books-ms").get());
        }
    }
}
