/**
 * The API shared by Connect servers, clients and generated code: error {@link io.connectspring.Code codes},
 * {@link io.connectspring.ConnectException}, and the descriptors of services and procedures.
 *
 * @see <a href="https://connectrpc.com/docs/protocol">Connect protocol reference</a>
 */
@NullMarked
package io.connectspring;

import org.jspecify.annotations.NullMarked;
