package dev.minibatch.io;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;

import java.io.EOFException;
import java.io.IOException;
import java.util.stream.Collectors;

/**
 * Says what is wrong with a JSON file minibatch could not read back (results.json, a checkpoint's state.json), in
 * the file's terms rather than the reader's: not valid JSON and where, a value of the wrong kind and under which
 * key, a number or a nesting beyond what the reader takes, or the operating system's reason — never a Java class,
 * a Jackson token or constraint name.
 */
public final class JsonProblems {
    private JsonProblems() {
    }

    /**
     * Describes a read failure, to follow the file's name: e.g. "is not valid JSON (line 3, column 7)".
     *
     * @param e what the reader threw.
     * @return the description, starting with a verb.
     */
    public static String describe(IOException e) {
        if (e instanceof StreamConstraintsException c) {
            String m = String.valueOf(c.getOriginalMessage());
            return m.contains("Number value length") ? "holds a number of more than 1000 digits"
                    : m.contains("nesting depth") ? "nests arrays or objects more than 1000 levels deep"
                    : m.contains("String value length") ? "holds a text longer than the reader takes"
                    : "is larger than the reader takes";
        }
        if (e instanceof com.fasterxml.jackson.core.io.JsonEOFException) {
            return "is not valid JSON: it ends early";
        }
        if (e instanceof EOFException) {
            return "ends early";
        }
        if (e instanceof JsonParseException p) {
            return "is not valid JSON" + (p.getLocation() == null ? "" : " (line " + p.getLocation().getLineNr()
                    + ", column " + p.getLocation().getColumnNr() + ")");
        }
        if (e instanceof JsonMappingException m) {
            if (m.getCause() instanceof IOException inner && inner != e) {
                return describe(inner);
            }
            String key = m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                    : "[" + r.getIndex() + "]").collect(Collectors.joining("."));
            return key.isEmpty() ? "does not hold what minibatch writes there" : "has a value of the wrong kind"
                    + " under '" + key + "'";
        }
        return "cannot be read (" + OutputFolder.reason(e) + ")";
    }
}
