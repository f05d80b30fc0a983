package dev.gantry;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Why something failed, in words a person reads in a message: what an exception says, never its Java
 * name. Java's own file and network exceptions often carry only a path or a host as their message, so
 * those are said in full ("permission denied: /etc/gantry"); any other says its message.
 */
public final class Reason {

    private Reason() {
    }

    /** The reason {@code failure} gives, as words. */
    public static String of(Throwable failure) {
        String message = failure.getMessage() == null ? "" : failure.getMessage().strip();
        return switch (failure) {
            case NoSuchFileException e -> "no such file or directory: " + e.getFile();
            case AccessDeniedException e -> "permission denied: " + e.getFile();
            case FileAlreadyExistsException e -> "it already exists: " + e.getFile();
            case DirectoryNotEmptyException e -> "the directory is not empty: " + e.getFile();
            case NotDirectoryException e -> "not a directory: " + e.getFile();
            case FileSystemException e -> e.getFile() + ": " + (e.getReason() == null ? "failed" : e.getReason());
            case UnknownHostException e -> "unknown host " + message;
            case HttpConnectTimeoutException e -> "the connection timed out";
            case HttpTimeoutException e -> "no answer in time";
            case SocketTimeoutException e -> "timed out" + (message.isEmpty() ? "" : " (" + message + ")");
            case ConnectException e -> message.isEmpty() ? "the connection was refused" : message;
            case EOFException e -> "it ended early" + (message.isEmpty() ? "" : " (" + message + ")");
            default -> message.isEmpty() ? "it failed without saying why" : message;
        };
    }
}
