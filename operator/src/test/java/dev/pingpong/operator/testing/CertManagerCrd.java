package dev.pingpong.operator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.crdv2.generator.v1.JsonSchema;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRuleBuilder;
import java.util.List;

/**
 * cert-manager's Certificate CRD (cert-manager.io/v1, namespaced, status subresource) as the test API server knows
 * it: names as cert-manager installs them, the structure and types generated from fabric8's certmanager-model
 * classes (the types the operator writes with), and the constraints cert-manager's API documents for the fields
 * the operator sets: secretName and issuerRef.name required, the private key's algorithm, encoding and rotation
 * policy, and the key usages, each one of cert-manager's names; and, as CEL rules, what cert-manager's validating
 * webhook checks of the lifetimes (duration at least 1h, renewBefore at least 5m and shorter than the duration).
 * Anything else is pruned, a wrong value refused.
 */
public final class CertManagerCrd {

    /** cert-manager's KeyUsage values. */
    static final List<String> USAGES = List.of("signing", "digital signature", "content commitment",
            "key encipherment", "key agreement", "data encipherment", "cert sign", "crl sign", "encipher only",
            "decipher only", "any", "server auth", "client auth", "code signing", "email protection", "s/mime",
            "ipsec end system", "ipsec tunnel", "ipsec user", "timestamping", "ocsp signing", "microsoft sgc",
            "netscape sgc");

    private CertManagerCrd() {
    }

    public static CustomResourceDefinition certificates() {
        JSONSchemaProps schema = JsonSchema.from(Certificate.class);
        JSONSchemaProps spec = schema.getProperties().get("spec");
        spec.setRequired(List.of("issuerRef", "secretName"));
        spec.getProperties().get("issuerRef").setRequired(List.of("name"));
        JSONSchemaProps privateKey = spec.getProperties().get("privateKey");
        oneOf(privateKey.getProperties().get("algorithm"), List.of("RSA", "ECDSA", "Ed25519"));
        oneOf(privateKey.getProperties().get("encoding"), List.of("PKCS1", "PKCS8"));
        oneOf(privateKey.getProperties().get("rotationPolicy"), List.of("Never", "Always"));
        oneOf(spec.getProperties().get("usages").getItems().getSchema(), USAGES);
        spec.setXKubernetesValidations(List.of(
                rule("!has(self.duration) || duration(self.duration) >= duration('1h')",
                        "spec.duration: must be greater than 1h0m0s"),
                rule("!has(self.renewBefore) || duration(self.renewBefore) >= duration('5m')",
                        "spec.renewBefore: must be greater than 5m0s"),
                rule("!has(self.renewBefore) || duration(self.renewBefore) < duration(has(self.duration) ? "
                        + "self.duration : '2160h')", "spec.renewBefore: must be less than spec.duration")));
        return new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName(HasMetadata.getFullResourceName(Certificate.class)).endMetadata()
                .withNewSpec()
                .withGroup(HasMetadata.getGroup(Certificate.class))
                .withScope("Namespaced")
                .withNewNames().withKind("Certificate").withListKind("CertificateList").withPlural("certificates")
                .withSingular("certificate").withShortNames("cert", "certs").withCategories("cert-manager").endNames()
                .addNewVersion().withName(HasMetadata.getVersion(Certificate.class)).withServed(true).withStorage(true)
                .withNewSubresources().withNewStatus().endStatus().endSubresources()
                .withNewSchema().withOpenAPIV3Schema(schema).endSchema()
                .endVersion()
                .endSpec()
                .build();
    }

    private static ValidationRule rule(String rule, String message) {
        return new ValidationRuleBuilder().withRule(rule).withMessage(message).build();
    }

    private static void oneOf(JSONSchemaProps property, List<String> values) {
        property.setEnum(values.stream().<JsonNode>map(TextNode::valueOf).toList());
    }
}
