/**
 * The server under test: a Spring Boot application serving {@code connectrpc.conformance.v1.ConformanceService}.
 */
@NullMarked
package io.connectspring.conformance.server;

import org.jspecify.annotations.NullMarked;
