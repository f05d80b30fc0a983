/**
 * Integration tests of the {@code gantry} CLI against the real Docker Engine and registry that
 * {@code bin/env-up} starts (run by failsafe in {@code mvn verify}; {@code bin/test} does both).
 *
 * <p>Each test runs the CLI as a subprocess ({@link dev.gantry.it.GantryCli}) on a service committed
 * in a git repository of its own ({@link dev.gantry.it.ServiceRepo}): the real example
 * (examples/books-ms) where the example matters, else the tiny service of
 * src/test/resources/services/tiny, whose tests pass or fail as its gantry.yml says. A
 * {@link dev.gantry.it.Sandbox} gives each test a unique service name and GANTRY_HOME, and removes
 * afterwards what is labelled with that name: containers, images, registry tags. Tests assert
 * what a person would see: exit code, messages, the registry, leftover containers, the history.
 *
 * <p>Only these: {@code mvn verify -Dit.test='dev.gantry.it.*IT' -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}.
 */
package dev.gantry.it;
