/**
 * The wire formats shared by both sides: envelopes and their decoder, codecs, compressions, the protocols' header
 * names, gRPC status and timeout, gRPC-Web text and trailers, error JSON and the HTTP statuses of errors. Nothing here
 * knows whether it serves or calls: this package must not import Netty, {@code org.springframework.web},
 * {@code org.springframework.http.server} or {@code org.springframework.http.client}, the public
 * {@code io.connectspring.server}, {@code client} or {@code boot} packages, nor {@code internal.server} or
 * {@code internal.client}. Internal: not an API, may change in any release.
 */
@NullMarked
package io.connectspring.internal.wire;

import org.jspecify.annotations.NullMarked;
