package dev.gantry.discovery;

import java.util.Optional;
import java.util.SortedMap;

/** The few key-value operations discovery needs; one implementation per backend. */
interface KeyValues extends AutoCloseable {
    Optional<String> get(String key);

    void put(String key, String value);

    void delete(String key);

    /** Every key starting with {@code prefix}, with its value, in key order. */
    SortedMap<String, String> list(String prefix);

    /** The backend as a person reads it: {@code etcd at 127.0.0.1:2379}. */
    String describe();

    @Override
    void close();
}
