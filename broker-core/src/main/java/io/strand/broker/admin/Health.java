package io.strand.broker.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code /health} reports: up or down, and details (such as the storage failure that made the
 * broker read-only) rendered as JSON fields next to {@code "status"}.
 */
public record Health(boolean up, Map<String, Object> details) {
    public Health {
        Objects.requireNonNull(details, "details");
        details = Map.copyOf(details);
    }

    /** The JSON body: {"status":"UP"|"DOWN", ...details}. */
    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        details.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> body.put(e.getKey(), e.getValue()));
        return body;
    }
}
