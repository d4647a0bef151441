package dev.pingpong.operator.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pingpong.operator.model.PingPongPair;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The {@code kubectl get ppp} columns in the generated CRD, in the order interfaces.md section 5 fixes (RTT and
 * Loss added before Age). The
 * crd-generator sorts them by jsonPath; the build's CrdFinish step (operator/src/build) puts them back.
 */
class CrdColumnsTest {

    private final List<CustomResourceColumnDefinition> columns =
            Manifests.crd().getSpec().getVersions().get(0).getAdditionalPrinterColumns();

    @Test
    void columnsAreInTheContractOrder() {
        assertEquals(List.of("Ready", "Endpoint", "Cert-Expiry", "Restarts", "RTT", "Loss", "Age"),
                columns.stream().map(CustomResourceColumnDefinition::getName).toList());
    }

    @Test
    void columnsAreTheModelAnnotationsInTheirOrder() {
        List<String> declared = Arrays.stream(PingPongPair.class.getAnnotationsByType(AdditionalPrinterColumn.class))
                .map(column -> describe(column.name(), column.jsonPath(), column.type().name()))
                .toList();
        List<String> generated = columns.stream()
                .map(column -> describe(column.getName(), column.getJsonPath(), column.getType()))
                .toList();
        assertEquals(declared, generated);
    }

    private static String describe(String name, String jsonPath, String type) {
        return name + " " + jsonPath + " " + type.toLowerCase(Locale.ROOT);
    }
}
