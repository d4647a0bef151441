package dev.pingpong.operator.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A WebTransport ping-pong server and client, their certificates and their recovery: the operator's primary resource. */
@Group("pingpong.dev")
@Version("v1alpha1")
@ShortNames("ppp")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Endpoint", jsonPath = ".status.serverEndpoint", type = AdditionalPrinterColumn.Type.STRING)
// A string, not a date: the API server shows a date as the time since it, and a future one as "<invalid>".
@AdditionalPrinterColumn(name = "Cert-Expiry", jsonPath = ".status.certificate.notAfter", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Restarts", jsonPath = ".status.restarts.total", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "RTT", jsonPath = ".status.observed.rttP50", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Loss", jsonPath = ".status.observed.loss", type = AdditionalPrinterColumn.Type.STRING)
@ValidationRule(value = PairName.RULE, message = PairName.MESSAGE)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class PingPongPair extends CustomResource<PingPongPairSpec, PingPongPairStatus> implements Namespaced {

    /** Never fails on a spec the model cannot hold: see {@link ReadableSpec}. */
    @Override
    @JsonDeserialize(using = ReadableSpec.class)
    public void setSpec(PingPongPairSpec spec) {
        super.setSpec(spec);
    }

    @Override
    protected PingPongPairSpec initSpec() {
        return new PingPongPairSpec();
    }
}
