package dev.gantry.ui;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;

/**
 * The UI's jte templates (src/main/jte), precompiled to Java classes by the build (jte-maven-plugin's generate goal),
 * so no compiler runs in the server. Content type HTML: every {@code ${…}} is escaped for where it stands (text or
 * attribute), and the templates use no unescaped output.
 */
final class Templates {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    /** {@code template} (like {@code overview.jte}) rendered with its one parameter {@code model}. */
    String render(String template, Object model) {
        StringOutput out = new StringOutput();
        engine.render(template, model, out);
        return out.toString();
    }

    /** Answers {@code status} with the HTML page {@code template} renders from {@code model}. */
    void page(Context ctx, int status, String template, Object model) {
        ctx.status(status).contentType("text/html; charset=utf-8").result(render(template, model));
    }
}
