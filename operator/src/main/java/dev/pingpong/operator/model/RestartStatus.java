package dev.pingpong.operator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Restarts the operator performed, per side; {@code total} feeds the Restarts printer column. */
// A field written by another operator version is dropped, never a reason to fail reading the pair.
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RestartStatus {
    private int server;
    private int client;
    @JsonPropertyDescription("server + client")
    private int total;
    private String lastRestartTime;
    private String lastRestartReason;

    public int getServer() {
        return server;
    }

    public void setServer(int server) {
        this.server = server;
    }

    public int getClient() {
        return client;
    }

    public void setClient(int client) {
        this.client = client;
    }

    public int getTotal() {
        return total;
    }

    public void setTotal(int total) {
        this.total = total;
    }

    public String getLastRestartTime() {
        return lastRestartTime;
    }

    public void setLastRestartTime(String lastRestartTime) {
        this.lastRestartTime = lastRestartTime;
    }

    public String getLastRestartReason() {
        return lastRestartReason;
    }

    public void setLastRestartReason(String lastRestartReason) {
        this.lastRestartReason = lastRestartReason;
    }
}
