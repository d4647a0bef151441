# The two commands a newcomer needs: `make run` and `make test`. Everything goes through the Maven wrapper.
MVN ?= ./mvnw -B
SERVER_JAR := pingpong-server/target/pingpong-server.jar
CLIENT_JAR := pingpong-client/target/pingpong-client.jar
OPERATOR_JAR := operator/target/pingpong-operator.jar

.PHONY: build test run bench images deploy clean

build:
	$(MVN) -q package -DskipTests

test:
	$(MVN) verify

$(SERVER_JAR) $(CLIENT_JAR) $(OPERATOR_JAR):
	$(MVN) -q package -DskipTests

run: $(SERVER_JAR) $(CLIENT_JAR)
	@echo "make run: not yet (issue 3)"

bench:
	@echo "make bench: not yet (issues 3 and 4)"

images:
	@echo "make images: not yet (issue 4)"

deploy:
	@echo "make deploy: not yet (issue 4)"

clean:
	$(MVN) -q clean
