package dev.gantry.server;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/** One route of the server: method, path (Javalin's {@code {param}} syntax, as OpenAPI's) and handler. */
record Route(HandlerType method, String path, Handler handler) {
}
