package books;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The books, kept in {@code books.json} in a data directory (the container's /data volume).
 *
 * <p>Writes replace the file atomically (write a temporary file, fsync, rename), so a crash
 * leaves the old or the new catalogue, never half of one. Writers take a lock file first and
 * readers notice a replaced file, so several replicas sharing one volume see the same books.
 */
final class BookStore {

    static final String FILE_NAME = "books.json";

    /** The data file cannot be read or written; the message names the file. */
    static final class StoreException extends RuntimeException {
        StoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Path dir;
    private final Path file;
    private List<Book> books = List.of();
    private Object loadedVersion;

    private BookStore(Path dir) {
        this.dir = dir;
        this.file = dir.resolve(FILE_NAME);
    }

    /** Opens the store in DIR, creating DIR if needed; fails if the data file is unreadable. */
    static BookStore open(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException("cannot create the data directory " + dir + ": " + e, e);
        }
        BookStore store = new BookStore(dir);
        store.refresh();
        return store;
    }

    Path file() {
        return file;
    }

    /** All books, oldest first. */
    synchronized List<Book> list() {
        refresh();
        return books;
    }

    synchronized Optional<Book> find(String id) {
        refresh();
        return books.stream().filter(book -> book.id().equals(id)).findFirst();
    }

    /** Stores a new book with a fresh id and returns it. */
    synchronized Book add(String title, String author) {
        Book book = new Book(UUID.randomUUID().toString(), title, author);
        update(current -> {
            List<Book> next = new ArrayList<>(current);
            next.add(book);
            return next;
        });
        return book;
    }

    /** Removes the book; false if there was none with that id. */
    synchronized boolean remove(String id) {
        boolean[] removed = {false};
        update(current -> {
            List<Book> next = new ArrayList<>(current);
            removed[0] = next.removeIf(book -> book.id().equals(id));
            return removed[0] ? next : null;
        });
        return removed[0];
    }

    /** Reloads the file if another writer replaced it since we last read it. */
    private void refresh() {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            books = List.of();
            loadedVersion = null;
            return;
        } catch (IOException e) {
            throw new StoreException("cannot read " + file + ": " + e, e);
        }
        // A rename gives a new inode; mtime and size catch the rest.
        Object version = List.of(String.valueOf(attributes.fileKey()),
                attributes.lastModifiedTime(), attributes.size());
        if (!version.equals(loadedVersion)) {
            books = read();
            loadedVersion = version;
        }
    }

    private List<Book> read() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new StoreException("cannot read " + file + ": " + e, e);
        }
        try {
            if (!(Json.parse(text) instanceof Map<?, ?> document)
                    || !(document.get("books") instanceof List<?> items)) {
                throw new Book.InvalidBookException("expected {\"books\": [...]}");
            }
            return items.stream().map(Book::fromStored).toList();
        } catch (Json.SyntaxException | Book.InvalidBookException e) {
            throw new StoreException(file + " is not a books file (" + e.getMessage()
                    + "); fix it or move it away, the service does not overwrite it", e);
        }
    }

    /** Under the lock: re-reads, applies CHANGE (null: nothing to write), writes atomically. */
    private void update(Function<List<Book>, List<Book>> change) {
        try (FileChannel lockChannel = FileChannel.open(dir.resolve(".books.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockChannel.lock()) {
            loadedVersion = null;
            refresh();
            List<Book> next = change.apply(books);
            if (next != null) {
                write(next);
                refresh();
            }
        } catch (IOException e) {
            throw new StoreException("cannot write " + file + ": " + e, e);
        }
    }

    private void write(List<Book> next) throws IOException {
        Path temporary = dir.resolve(FILE_NAME + ".tmp");
        byte[] bytes = (Json.write(Map.of("books", next)) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) channel.write(buffer);
            channel.force(true);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the data directory " + dir + " cannot rename atomically", e);
        }
        syncDirectory();
    }

    /** Makes the rename itself durable; not every file system lets a directory be opened. */
    private void syncDirectory() {
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            // the rename is done; only its durability across a power cut is less certain
        }
    }
}
