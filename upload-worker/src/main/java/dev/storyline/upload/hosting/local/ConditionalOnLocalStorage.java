package dev.storyline.upload.hosting.local;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * The local provider's beans, including its settings, exist only when CLOUD_STORAGE_PROVIDER=local,
 * so another provider does not have to set LOCAL_STORAGE_* variables.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Documented
@ConditionalOnProperty(prefix = "storyline.upload", name = "storage-provider", havingValue = "local")
@interface ConditionalOnLocalStorage {}
