/**
 * Test support for applications: {@link io.connectspring.boot.test.ConnectTest @ConnectTest} tests Connect services
 * without a port, through generated clients bound to the routes in memory
 * ({@link io.connectspring.boot.test.InMemoryConnectTransport}); and
 * {@link io.connectspring.boot.test.AutoConfigureTestConnectTransport} points the application's Connect clients at
 * the application under test on its port. Needs {@code spring-boot-starter-test} on the class path.
 */
@NullMarked
package io.connectspring.boot.test;

import org.jspecify.annotations.NullMarked;
