package org.groundwork.storage.internal;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Arrays;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.annotate.core.project.Evidence;

/**
 * Edits as JSON that reads back into the same edit: each edit and each piece of evidence names
 * its kind, so a batch of edits and a step's evidence come back as what they were.
 */
public final class EditJson {
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    private interface Typed {
    }

    private static final ObjectMapper JSON = mapper();

    private EditJson() {
    }

    private static ObjectMapper mapper() {
        ObjectMapper m = JsonMapper.builder().addModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .addMixIn(Edit.class, Typed.class).addMixIn(Evidence.class, Typed.class).build();
        for (Class<?> kind : concat(Edit.class.getPermittedSubclasses(), Evidence.class.getPermittedSubclasses())) {
            m.registerSubtypes(new NamedType(kind, kind.getSimpleName()));
        }
        return m;
    }

    private static Class<?>[] concat(Class<?>[] a, Class<?>[] b) {
        Class<?>[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    public static String write(Edit edit) {
        try {
            return JSON.writerFor(Edit.class).writeValueAsString(edit);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("edits are plain records and always serialise", e);
        }
    }

    public static Edit read(String json) throws JsonProcessingException {
        return JSON.readValue(json, Edit.class);
    }
}
