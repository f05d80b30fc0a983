package dev.gantry;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test class that CI runs on both stores: once on SQLite, and again in the PostgreSQL pass
 * ({@code GANTRY_TEST_STORE=postgres bin/test -Pboth-stores}, whose profile selects this tag). Every unit
 * test that opens its store through {@link TestStore} carries it (BothStoresTest checks that); of the
 * integration tests, those whose outcome depends on what the store does
 * (docs/installation-config.md#what-runs-on-both-stores).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag(BothStores.TAG)
public @interface BothStores {
    /** The JUnit tag that pom.xml's profile both-stores selects. */
    String TAG = "both-stores";
}
