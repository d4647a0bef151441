package dev.pingpong.server;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OriginPolicyTest {

    @Test
    void defaultIsTheServersOwnPageOnTheHealthPort() {
        OriginPolicy policy = OriginPolicy.parse(null, 8080);
        assertTrue(policy.allows(Optional.of("http://localhost:8080")));
        assertTrue(policy.allows(Optional.of("http://127.0.0.1:8080")));
        assertTrue(policy.allows(Optional.of("http://[::1]:8080")));
        assertTrue(policy.allows(Optional.of("HTTP://LOCALHOST:8080/")));
        assertFalse(policy.allows(Optional.of("http://localhost:8081")));
        assertFalse(policy.allows(Optional.of("https://evil.example")));
        assertFalse(policy.allows(Optional.of("null")));
    }

    @Test
    void requestsWithoutOriginAreAlwaysAllowed() {
        assertTrue(OriginPolicy.parse(null, 0).allows(Optional.empty()));
        assertTrue(OriginPolicy.parse("https://a.example", 8080).allows(Optional.empty()));
    }

    @Test
    void withoutADemoPageNoBrowserOriginIsAllowedByDefault() {
        assertFalse(OriginPolicy.parse(null, 0).allows(Optional.of("http://localhost:0")));
    }

    @Test
    void anExplicitListReplacesTheDefault() {
        OriginPolicy policy = OriginPolicy.parse(" https://a.example , https://b.example:8443", 8080);
        assertTrue(policy.allows(Optional.of("https://a.example")));
        assertTrue(policy.allows(Optional.of("https://b.example:8443")));
        assertFalse(policy.allows(Optional.of("http://localhost:8080")));
    }

    @Test
    void starAllowsEveryOrigin() {
        assertTrue(OriginPolicy.parse("*", 8080).allows(Optional.of("https://anything.example")));
    }
}
