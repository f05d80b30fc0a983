package books;

import java.util.LinkedHashMap;
import java.util.Map;

/** A book in the catalogue. */
record Book(String id, String title, String author) {

    /** Longest title or author accepted, in characters. */
    static final int MAX_FIELD_LENGTH = 500;

    /** A request body or stored record that does not describe a book; the message says why. */
    static final class InvalidBookException extends RuntimeException {
        InvalidBookException(String message) {
            super(message);
        }
    }

    /** The book a create request asks for, given the id to assign: {"title": …, "author": …}. */
    static Book fromRequest(String id, Object json) {
        if (!(json instanceof Map<?, ?> fields)) {
            throw new InvalidBookException("the body must be a JSON object with \"title\" and \"author\"");
        }
        return new Book(id, field(fields, "title"), field(fields, "author"));
    }

    /** A book as stored in the data file, id included. */
    static Book fromStored(Object json) {
        if (!(json instanceof Map<?, ?> fields)) {
            throw new InvalidBookException("a stored book is not a JSON object");
        }
        return new Book(field(fields, "id"), field(fields, "title"), field(fields, "author"));
    }

    /** The JSON form, fields in a stable order. */
    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", id);
        map.put("title", title);
        map.put("author", author);
        return map;
    }

    private static String field(Map<?, ?> fields, String name) {
        Object value = fields.get(name);
        if (!(value instanceof String text)) {
            throw new InvalidBookException("\"" + name + "\" is required and must be a string");
        }
        if (text.isBlank()) {
            throw new InvalidBookException("\"" + name + "\" must not be blank");
        }
        if (text.length() > MAX_FIELD_LENGTH) {
            throw new InvalidBookException(
                    "\"" + name + "\" is longer than " + MAX_FIELD_LENGTH + " characters");
        }
        return text.strip();
    }
}
