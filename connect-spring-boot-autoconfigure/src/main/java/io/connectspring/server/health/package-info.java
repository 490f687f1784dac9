/**
 * The gRPC health checking protocol ({@code grpc.health.v1.Health}) as a Connect service:
 * {@link io.connectspring.server.health.HealthStatusManager} holds the status of each service, and
 * {@link io.connectspring.server.health.HealthService} serves it to Connect, gRPC and gRPC-Web clients.
 *
 * @see <a href="https://github.com/grpc/grpc/blob/master/doc/health-checking.md">gRPC Health Checking Protocol</a>
 */
@NullMarked
package io.connectspring.server.health;

import org.jspecify.annotations.NullMarked;
