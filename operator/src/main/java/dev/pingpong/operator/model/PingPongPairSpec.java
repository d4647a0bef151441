package dev.pingpong.operator.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/** What a user asks for; every field is optional, {@link EffectiveSpec} resolves the defaults. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PingPongPairSpec {
    private ServerSpec server;
    private ClientSpec client;
    private TlsSpec tls;
    private RecoverySpec recovery;
    /** Why the stored spec could not be read into this model (see {@link ReadableSpec}); null when it was. */
    @JsonIgnore
    private String unreadable;

    /** A spec that stands for one this model cannot hold; {@link EffectiveSpec#resolve} refuses it. */
    static PingPongPairSpec unreadable(String reason) {
        PingPongPairSpec spec = new PingPongPairSpec();
        spec.unreadable = reason;
        return spec;
    }

    @JsonIgnore
    public String getUnreadable() {
        return unreadable;
    }

    public ServerSpec getServer() {
        return server;
    }

    public void setServer(ServerSpec server) {
        this.server = server;
    }

    public ClientSpec getClient() {
        return client;
    }

    public void setClient(ClientSpec client) {
        this.client = client;
    }

    public TlsSpec getTls() {
        return tls;
    }

    public void setTls(TlsSpec tls) {
        this.tls = tls;
    }

    public RecoverySpec getRecovery() {
        return recovery;
    }

    public void setRecovery(RecoverySpec recovery) {
        this.recovery = recovery;
    }
}
