/**
 * Generated Connect clients as Spring beans: {@link io.connectspring.boot.client.ImportConnectClients} and the names
 * of the beans the client auto-configuration registers.
 */
@NullMarked
package io.connectspring.boot.client;

import org.jspecify.annotations.NullMarked;
