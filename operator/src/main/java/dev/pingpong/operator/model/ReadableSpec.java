package dev.pingpong.operator.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.stream.Collectors;

/**
 * Reads a pair's spec without ever failing: a spec this model cannot hold (an unknown field or enum value written
 * for another version of the CRD, a number out of range) becomes {@link PingPongPairSpec#unreadable}, which the
 * reconciler reports on that pair alone. Failing here instead would fail the informer, and with it every pair.
 * Such a spec serializes as empty: copies must keep the object itself ({@code SpecKeepingCloner}).
 */
public final class ReadableSpec extends JsonDeserializer<PingPongPairSpec> {

    @Override
    public PingPongPairSpec deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonNode tree = parser.readValueAsTree();
        try {
            return context.readTreeAsValue(tree, PingPongPairSpec.class);
        } catch (JsonMappingException e) {
            return PingPongPairSpec.unreadable(describe(e));
        }
    }

    /** "spec.client.mode: Cannot deserialize value ..." : where, and the first line of Jackson's reason. */
    static String describe(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? "." + reference.getFieldName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("", "spec", ""));
        String reason = e.getOriginalMessage() == null ? e.getClass().getSimpleName()
                : e.getOriginalMessage().lines().findFirst().orElse("");
        return path + ": " + reason;
    }
}
