/**
 * Spring Boot auto-configuration for Connect: wiring and {@code connect.*} properties only.
 */
@NullMarked
package io.connectspring.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
