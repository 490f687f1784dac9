/**
 * Serving Connect procedures: {@link io.connectspring.server.ConnectService @ConnectService} marks an implementation
 * of a generated service interface, {@link io.connectspring.server.ConnectContext} gives it the call's metadata.
 */
@NullMarked
package io.connectspring.server;

import org.jspecify.annotations.NullMarked;
