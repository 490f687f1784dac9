/**
 * gRPC server reflection ({@code grpc.reflection.v1.ServerReflection} and its predecessor
 * {@code grpc.reflection.v1alpha.ServerReflection}) as Connect services, so that {@code grpcurl}, {@code buf curl}
 * and other tools can call a server without its {@code .proto} files.
 *
 * @see <a href="https://github.com/grpc/grpc/blob/master/doc/server-reflection.md">gRPC Server Reflection
 * Protocol</a>
 */
@NullMarked
package io.connectspring.server.reflection;

import org.jspecify.annotations.NullMarked;
