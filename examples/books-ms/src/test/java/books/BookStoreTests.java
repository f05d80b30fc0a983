package books;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The store on a real temporary directory: ids, persistence, atomic writes, shared volumes. */
final class BookStoreTests {

    private BookStoreTests() {
    }

    static List<TestCase> all() {
        return List.of(
                new TestCase("store: adds books with distinct ids, listed oldest first", inDir(BookStoreTests::adds)),
                new TestCase("store: finds and removes by id, once", inDir(BookStoreTests::findsAndRemoves)),
                new TestCase("store: books survive reopening the data directory", inDir(BookStoreTests::persists)),
                new TestCase("store: writes replace the file whole, leaving no temporary file",
                        inDir(BookStoreTests::writesAtomically)),
                new TestCase("store: two stores on one directory (replicas on one volume) agree",
                        inDir(BookStoreTests::sharesADirectory)),
                new TestCase("store: refuses to start on a corrupt data file, naming it",
                        inDir(BookStoreTests::refusesCorruptFile)),
                new TestCase("book: a create request needs a non-blank title and author",
                        BookStoreTests::validatesRequests));
    }

    private interface DirTest {
        void run(Path dir) throws Exception;
    }

    /** Runs TEST in a fresh temporary directory, deleted afterwards. */
    private static TestCase.Body inDir(DirTest test) {
        return () -> {
            Path dir = Files.createTempDirectory("books-store-");
            try {
                test.run(dir);
            } finally {
                deleteTree(dir);
            }
        };
    }

    private static void adds(Path dir) {
        BookStore store = BookStore.open(dir.resolve("data"));
        Check.equal(List.of(), store.list(), "a new store");
        Book first = store.add("Dune", "Frank Herbert");
        Book second = store.add("Neuromancer", "William Gibson");
        Check.isTrue(!first.id().equals(second.id()), "ids must differ: " + first.id());
        Check.equal(List.of(first, second), store.list(), "listed in the order added");
        Check.equal("Dune", first.title(), "title kept");
        Check.equal("Frank Herbert", first.author(), "author kept");
    }

    private static void findsAndRemoves(Path dir) {
        BookStore store = BookStore.open(dir);
        Book book = store.add("Solaris", "Stanisław Lem");
        Check.equal(book, store.find(book.id()).orElse(null), "found by id");
        Check.equal(null, store.find("no-such-id").orElse(null), "unknown id");
        Check.equal(true, store.remove(book.id()), "first removal");
        Check.equal(false, store.remove(book.id()), "second removal");
        Check.equal(List.of(), store.list(), "after removal");
    }

    private static void persists(Path dir) {
        BookStore store = BookStore.open(dir);
        Book kept = store.add("Ubik", "Philip K. Dick");
        Book gone = store.add("Gone", "Nobody");
        store.remove(gone.id());
        Check.equal(List.of(kept), BookStore.open(dir).list(), "a store reopened on the same directory");
    }

    private static void writesAtomically(Path dir) throws IOException {
        BookStore store = BookStore.open(dir);
        store.add("Kindred", "Octavia E. Butler");
        store.add("Beloved", "Toni Morrison");
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            Check.equal(List.of(".books.lock", "books.json"), names, "files in the data directory");
        }
        Object document = Json.parse(Files.readString(store.file()));
        Check.equal(2, ((List<?>) ((Map<?, ?>) document).get("books")).size(), "books in the file");
    }

    private static void sharesADirectory(Path dir) {
        BookStore one = BookStore.open(dir);
        BookStore two = BookStore.open(dir);
        Book fromOne = one.add("Hyperion", "Dan Simmons");
        Check.equal(List.of(fromOne), two.list(), "the second store sees the first one's book");
        Book fromTwo = two.add("Foundation", "Isaac Asimov");
        Check.equal(List.of(fromOne, fromTwo), one.list(), "the first sees both, in order");
        Check.equal(true, one.remove(fromTwo.id()), "the first removes the second one's book");
        Check.equal(List.of(fromOne), two.list(), "the second sees the removal");
    }

    private static void refusesCorruptFile(Path dir) throws IOException {
        Files.writeString(dir.resolve(BookStore.FILE_NAME), "{\"books\": [");
        BookStore.StoreException e = Check.throwsA(BookStore.StoreException.class,
                () -> BookStore.open(dir), "opening a corrupt file");
        Check.contains(e.getMessage(), BookStore.FILE_NAME, "message names the file");
        Check.equal("{\"books\": [", Files.readString(dir.resolve(BookStore.FILE_NAME)),
                "the corrupt file is left as it was");
    }

    private static void validatesRequests() {
        Book book = Book.fromRequest("7", Json.parse("{\"title\": \" Emma \", \"author\": \"Jane Austen\"}"));
        Check.equal(new Book("7", "Emma", "Jane Austen"), book, "valid request, title trimmed");
        Map<String, String> refused = Map.of(
                "[]", "must be a JSON object",
                "{\"author\": \"A\"}", "\"title\" is required",
                "{\"title\": \"T\", \"author\": 5}", "\"author\" is required and must be a string",
                "{\"title\": \"  \", \"author\": \"A\"}", "\"title\" must not be blank",
                "{\"title\": \"" + "x".repeat(Book.MAX_FIELD_LENGTH + 1) + "\", \"author\": \"A\"}",
                "longer than " + Book.MAX_FIELD_LENGTH);
        refused.forEach((body, message) -> Check.contains(
                Check.throwsA(Book.InvalidBookException.class, () -> Book.fromRequest("1", Json.parse(body)),
                        "request " + body).getMessage(), message, "message for " + body));
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
        }
    }
}
