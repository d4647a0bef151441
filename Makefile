# The two commands a newcomer needs: `make run` and `make test`. Everything goes through the Maven wrapper.
MVN ?= ./mvnw -B
SERVER_JAR := pingpong-server/target/pingpong-server.jar
CLIENT_JAR := pingpong-client/target/pingpong-client.jar
OPERATOR_JAR := operator/target/pingpong-operator.jar

.PHONY: build test soak fuzz run bench images deploy clean

build:
	$(MVN) -q package -DskipTests

# Image tarballs are built on an empty base (no registry here) so ImageTarballTest checks their entrypoints and layers.
test:
	$(MVN) verify -Dimages.skip=false -Djib.from.image=scratch -Djib.disableUpdateChecks=true

# The long runs over a lossy network (a UDP relay in the tests: 5% and 20% loss, 50 ms +- 10 ms with reordering, a
# 20 s blackhole) against a real server; each scenario's figures are printed as a LOSSY line.
soak:
	$(MVN) -q -pl pingpong-client -am test -Dgroups=soak -Dclient.excludedGroups= -Dsurefire.failIfNoSpecifiedTests=false
	@grep -h '^LOSSY' pingpong-client/target/surefire-reports/*-output.txt

# Coverage-guided fuzzing (Jazzer) of every decoder that reads a peer's bytes, each for the maxDuration its
# @FuzzTest names (30-60 s). `make test` runs only the saved inputs. A crash is saved under
# src/test/resources/<package>/<Class>Inputs/<method>/ and from then on is a regression test of `make test`.
FUZZ_TESTS := webtransport:dev.pingpong.webtransport.codec.CodecFuzzTest \
	webtransport:dev.pingpong.webtransport.internal.PeerBytesFuzzTest \
	pingpong-protocol:dev.pingpong.protocol.ProtocolFuzzTest
fuzz:
	@for entry in $(FUZZ_TESTS); do \
	  module=$${entry%%:*}; class=$${entry#*:}; \
	  for method in $$(grep -B1 -h 'void .*(' $$(find $$module/src/test -name "$${class##*.}.java") \
	      | grep -A1 '@FuzzTest' | sed -n 's/.*void \([A-Za-z]*\)(.*/\1/p'); do \
	    echo "fuzzing $$class#$$method"; \
	    JAZZER_FUZZ=1 $(MVN) -q -pl $$module -am test -Dtest="$$class#$$method" \
	        -Dsurefire.failIfNoSpecifiedTests=false || exit 1; \
	  done; \
	done

$(OPERATOR_JAR):
	$(MVN) -q package -DskipTests

# Maven rebuilds only what changed, so `make run` is always current.
run: build
	@scripts/run-demo.sh

# Every figure of docs/performance.md, each printed next to its baselines from the same run (two-process UDP echo,
# WebSocket over TLS, flupke, bare QUIC handshakes; bare mock API server for the operator), then written into
# docs/performance.md and docs/performance.svg. Runs from the modules' own jars and test classes, nothing installed.
# Sizes: BENCH_* variables (docs/performance.md); BENCH_QUICK=1 for a short run that leaves docs/ alone.
BENCH_CLASSPATH = $(1)/target/test-classes:$(1)/target/classes:$$(cat $(1)/target/test.classpath)
bench:
	$(MVN) -q package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
	java -Xmx1g -cp $(call BENCH_CLASSPATH,pingpong-client) dev.pingpong.client.bench.PingBench .
	cd operator && java -Xmx256m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp $(call BENCH_CLASSPATH,.) dev.pingpong.operator.bench.OperatorBench 200
	cd operator && java -Xmx256m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp $(call BENCH_CLASSPATH,.) dev.pingpong.operator.bench.ObserveBench 200

# Image tarballs MODULE/target/jib-image.tar (server, client, operator) on the pinned JRE base (jib.base.image),
# which jib pulls from its registry. Offline: make images JIB_FROM=scratch (checks the build, not runnable) or
# JIB_FROM=tar:///path/jre17-image.tar. Load with docker load -i / kind load image-archive; push: mvn jib:build.
images:
	$(MVN) -q package -DskipTests -Dimages.skip=false -Djib.disableUpdateChecks=true $(if $(JIB_FROM),-Djib.from.image=$(JIB_FROM))
	@ls -l pingpong-server/target/jib-image.tar pingpong-client/target/jib-image.tar operator/target/jib-image.tar

# Installs into the current kubectl context: the CRD, the operator (deploy/overlays/$(OVERLAY): cluster-wide, the
# default, in namespace pingpong-system; namespaced, in namespace pingpong, watching only that one; monitoring, the
# cluster-wide install plus ServiceMonitor and PrometheusRule) and the default pair (samples/pingpong-pair.yaml) where
# the operator watches. The cluster must be able to pull or hold the images (make images, then kind load
# image-archive / docker load / push); see docs/kubernetes.md.
OVERLAY ?= cluster-wide
OPERATOR_NS := $(if $(filter namespaced,$(OVERLAY)),pingpong,pingpong-system)
deploy: $(OPERATOR_JAR)
	@test -d deploy/overlays/$(OVERLAY) || { echo "OVERLAY=$(OVERLAY): not one of $$(ls deploy/overlays)"; exit 2; }
	kubectl apply -f crds/
	kubectl wait --for condition=established --timeout=60s crd/pingpongpairs.pingpong.dev
	$(if $(filter namespaced,$(OVERLAY)),kubectl create namespace $(OPERATOR_NS) --dry-run=client -o yaml | kubectl apply -f -)
	kubectl apply -k deploy/overlays/$(OVERLAY)
	kubectl apply $(if $(filter namespaced,$(OVERLAY)),-n $(OPERATOR_NS)) -f samples/pingpong-pair.yaml
	kubectl -n $(OPERATOR_NS) rollout status deployment/pingpong-operator --timeout=180s

clean:
	$(MVN) -q clean
