/**
 * Messages and Connect classes of {@code grpc.health.v1}, generated from the published schema bundled in this jar (protoc's
 * message classes at build time, the Connect classes by connect-codegen). The Java package is ours, not
 * {@code io.grpc...}, so that these classes never clash with {@code io.grpc:grpc-services} on the same class path.
 */
@NullMarked
package io.connectspring.grpc.health.v1;

import org.jspecify.annotations.NullMarked;
