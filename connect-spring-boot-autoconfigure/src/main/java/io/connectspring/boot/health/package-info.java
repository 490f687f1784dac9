/**
 * Spring Boot Actuator's health as the serving status of the {@code grpc.health.v1.Health} service.
 */
@NullMarked
package io.connectspring.boot.health;

import org.jspecify.annotations.NullMarked;
