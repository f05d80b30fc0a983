package books;

import java.util.Objects;

/** Assertions for the tests: each failure says what was checked, expected and found. */
final class Check {

    private Check() {
    }

    static void equal(Object expected, Object actual, String what) {
        if (!Objects.equals(expected, actual)) {
            throw new AssertionError(what + ": expected " + show(expected) + " but was " + show(actual));
        }
    }

    static void isTrue(boolean condition, String message) {
        if (!condition) throw new AssertionError(message);
    }

    /** Runs BODY, which must throw a TYPE; returns it for checks on its message. */
    static <T extends Throwable> T throwsA(Class<T> type, TestCase.Body body, String what) {
        try {
            body.run();
        } catch (Throwable thrown) {
            if (type.isInstance(thrown)) return type.cast(thrown);
            throw new AssertionError(what + ": expected " + type.getSimpleName() + " but got " + thrown, thrown);
        }
        throw new AssertionError(what + ": expected " + type.getSimpleName() + " but nothing was thrown");
    }

    static void contains(String text, String part, String what) {
        if (text == null || !text.contains(part)) {
            throw new AssertionError(what + ": expected to contain " + show(part) + " but was " + show(text));
        }
    }

    private static String show(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }
}
