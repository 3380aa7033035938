package dev.storyline.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a Spring test class its own database and RabbitMQ vhost on the real servers the test kit
 * found ({@link TestInfrastructure}), as {@code IsolatedInfrastructure.forClass(...).register(...)} in
 * a {@code @DynamicPropertySource} would. Meant as a meta-annotation of each module's test annotation,
 * so the Spring settings every test of a module repeats live in one place.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface IsolatedServers {}
