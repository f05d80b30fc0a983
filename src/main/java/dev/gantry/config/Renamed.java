package dev.gantry.config;

import java.util.List;

/**
 * A setting of the installation config that has a new name. The old name keeps working, with a warning
 * that names the new one, so that an upgrade never drops a setting without a word; both names in one
 * place are refused, as nobody can tell which was meant (docs/installation-config.md, "Renamed settings").
 *
 * @param oldKey the key config.yml used to have
 * @param oldVariable the environment variable used before
 * @param key the key in config.yml now
 * @param variable the environment variable now
 */
record Renamed(String oldKey, String oldVariable, String key, String variable) {
    /** The CD engine's setting was called the build engine's until issue 11 gave it one name. */
    static final Renamed CD_DOCKER_HOST = new Renamed("build-docker-host", "GANTRY_BUILD_DOCKER_HOST",
            "cd-docker-host", "GANTRY_CD_DOCKER_HOST");
    /** Every renamed setting. */
    static final List<Renamed> ALL = List.of(CD_DOCKER_HOST);

    /** The old keys config.yml may still hold. */
    static List<String> oldKeys() {
        return ALL.stream().map(Renamed::oldKey).toList();
    }

    /** The one-line warning for an old name: which name replaces it and that it will not work for ever. */
    static String warning(String oldName, String newName) {
        return oldName + " is the old name of " + newName + "; rename it, the old name will be refused in a"
                + " later release";
    }

    /** The refusal when both names are given in one place. */
    static String bothGiven(String newName, String oldName, String whatToDo) {
        return "is the old name of " + newName + ", which is set too; " + whatToDo + " " + oldName;
    }
}
