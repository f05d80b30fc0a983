package books;

/** A named test. */
record TestCase(String name, Body body) {

    /** A test body; any exception fails the test. */
    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }
}
