package dev.pingpong.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingpong.app.CommandLineRunner;
import dev.pingpong.operator.dependent.Children;
import dev.pingpong.operator.model.EffectiveSpec;
import dev.pingpong.operator.model.PingPongPairSpec;
import dev.pingpong.operator.model.Side;
import dev.pingpong.operator.testing.MockCluster;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The real entry point against a standalone API server without server-side apply (fabric8's mock server in CRUD
 * mode), found only through the standard fabric8 configuration: a kubeconfig file.
 */
class MainOnMockServerTest {

    @Test
    void connectsThroughAKubeconfigAndReconcilesAPair(@TempDir Path dir) throws Exception {
        try (MockCluster cluster = MockCluster.start(MainOnMockServerTest.class)) {
            Path kubeconfig = kubeconfig(dir, cluster.client().getMasterUrl().toString());
            String previous = System.getProperty(Config.KUBERNETES_KUBECONFIG_FILE);
            System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, kubeconfig.toString());
            try {
                CommandLine commandLine = CommandLineRunner.commandLine(new Main(), Map.of(),
                        new PrintWriter(System.out, true), new PrintWriter(System.err, true));
                commandLine.parseArgs("--health-port", "0", "--cluster-domain", "cluster.example");
                Main main = commandLine.getCommand();
                try (Main.Running running = main.start()) {
                    assertEquals(cluster.client().getMasterUrl().toString(), running.client().getMasterUrl().toString(),
                            "the operator's client follows the kubeconfig");
                    cluster.createPair("main", "viaconfig", new PingPongPairSpec());
                    Children children = new Children("viaconfig", "main");
                    KubernetesClient client = cluster.client();
                    MockCluster.await("the pair's Secrets, Service and Deployments", () ->
                            client.secrets().inNamespace("main").withName(children.tlsSecret(Side.SERVER)).get() != null
                                    && client.services().inNamespace("main").withName(children.service()).get() != null
                                    && cluster.deployment(children, Side.SERVER) != null
                                    && cluster.deployment(children, Side.CLIENT) != null);
                    Secret serverTls = client.secrets().inNamespace("main").withName(children.tlsSecret(Side.SERVER)).get();
                    X509Certificate leaf = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                            new ByteArrayInputStream(Base64.getDecoder().decode(serverTls.getData().get("tls.crt"))));
                    assertTrue(leaf.getSubjectAlternativeNames().stream()
                            .anyMatch(name -> "viaconfig-server.main.svc.cluster.example".equals(name.get(1))),
                            "--cluster-domain names the server certificate's last SAN");
                    MockCluster.await("status.serverEndpoint", () -> {
                        var pair = cluster.pair("main", "viaconfig");
                        return pair.getStatus() != null && children.serverEndpoint(EffectiveSpec.DEFAULT_PORT)
                                .equals(pair.getStatus().getServerEndpoint());
                    });
                }
            } finally {
                restore(Config.KUBERNETES_KUBECONFIG_FILE, previous);
            }
        }
    }

    @Test
    @Timeout(120)
    void anUnreachableClusterIsAOneLineErrorAndExitOne(@TempDir Path dir) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String previousConfig = System.getProperty(Config.KUBERNETES_KUBECONFIG_FILE);
        String previousRetries = System.getProperty(Config.KUBERNETES_REQUEST_RETRY_BACKOFFLIMIT_SYSTEM_PROPERTY);
        System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE,
                kubeconfig(dir, "http://127.0.0.1:" + closedPort + "/").toString());
        System.setProperty(Config.KUBERNETES_REQUEST_RETRY_BACKOFFLIMIT_SYSTEM_PROPERTY, "0");
        StringWriter err = new StringWriter();
        try {
            assertEquals(CommandLineRunner.FAILURE, CommandLineRunner.run(new Main(), new String[] {"--health-port", "0"},
                    Map.of(), new PrintWriter(System.out, true), new PrintWriter(err, true)));
        } finally {
            restore(Config.KUBERNETES_KUBECONFIG_FILE, previousConfig);
            restore(Config.KUBERNETES_REQUEST_RETRY_BACKOFFLIMIT_SYSTEM_PROPERTY, previousRetries);
        }
        System.out.println("unreachable cluster, stderr: " + err.toString().strip());
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("pingpong-operator: could not start against the API server at "
                + "http://127.0.0.1:" + closedPort), err.toString());
    }

    private static Path kubeconfig(Path dir, String server) throws IOException {
        return Files.writeString(dir.resolve("config"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: %s
                users:
                - name: tester
                  user:
                    token: %s
                contexts:
                - name: mock
                  context:
                    cluster: mock
                    user: tester
                    namespace: main
                current-context: mock
                """.formatted(server, MockCluster.operatorToken()));
    }

    private static void restore(String property, String previous) {
        if (previous == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, previous);
        }
    }
}
