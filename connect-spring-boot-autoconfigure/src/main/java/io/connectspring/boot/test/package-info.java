/**
 * Test support for applications: {@link io.connectspring.boot.test.AutoConfigureTestConnectTransport} points the
 * application's Connect clients at the application under test. Needs {@code spring-boot-test} on the class path.
 */
@NullMarked
package io.connectspring.boot.test;

import org.jspecify.annotations.NullMarked;
