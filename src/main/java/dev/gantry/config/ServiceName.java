package dev.gantry.config;

/** The rule of gantry.yml's {@code service:} name, for commands that take a SERVICE argument. */
public final class ServiceName {
    private ServiceName() {
    }

    /** Whether {@code name} is a service name gantry.yml accepts. */
    public static boolean isValid(String name) {
        return name != null && Names.SERVICE.apply(name).isPresent();
    }

    /** What a service name must be, for messages: "a name of 1 to 40 characters: …". */
    public static String rule() {
        return Names.SERVICE.expected();
    }
}
