package dev.storyline.testkit;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One test's private slice of the real servers: its own database and vhost. Gives Spring
 * properties, environment variables for child processes, and direct clients for assertions.
 */
public record Isolated(
        String jdbcUrl,
        String dbUser,
        String dbPassword,
        String amqpHost,
        int amqpPort,
        String amqpUser,
        String amqpPassword,
        String vhost,
        RabbitManagement management) {

    public void register(DynamicPropertyRegistry registry) {
        springProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    public Map<String, String> springProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", jdbcUrl);
        properties.put("spring.datasource.username", dbUser);
        properties.put("spring.datasource.password", dbPassword);
        if (vhost == null) {
            return properties; // a database-only slice (TestInfrastructure.isolateDatabase)
        }
        properties.put("spring.rabbitmq.host", amqpHost);
        properties.put("spring.rabbitmq.port", Integer.toString(amqpPort));
        properties.put("spring.rabbitmq.username", amqpUser);
        properties.put("spring.rabbitmq.password", amqpPassword);
        properties.put("spring.rabbitmq.virtual-host", vhost);
        return properties;
    }

    /** Environment for a service started as a separate process. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DATABASE_URL", jdbcUrl);
        env.put("DATABASE_USERNAME", dbUser);
        env.put("DATABASE_PASSWORD", dbPassword);
        env.put("RABBITMQ_HOST", amqpHost);
        env.put("RABBITMQ_PORT", Integer.toString(amqpPort));
        env.put("RABBITMQ_USERNAME", amqpUser);
        env.put("RABBITMQ_PASSWORD", amqpPassword);
        env.put("RABBITMQ_VHOST", vhost);
        return env;
    }

    public DriverManagerDataSource dataSource() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(jdbcUrl, dbUser, dbPassword);
        dataSource.setDriverClassName("org.postgresql.Driver");
        return dataSource;
    }

    /** A JDBC client on the given schema of this test's database. */
    public JdbcClient jdbc(String schema) {
        DriverManagerDataSource dataSource = dataSource();
        dataSource.setSchema(schema);
        return JdbcClient.create(dataSource);
    }

    public CachingConnectionFactory rabbitConnectionFactory() {
        CachingConnectionFactory factory = new CachingConnectionFactory(amqpHost, amqpPort);
        factory.setUsername(amqpUser);
        factory.setPassword(amqpPassword);
        factory.setVirtualHost(vhost);
        factory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
        return factory;
    }

    public RabbitTemplate rabbitTemplate() {
        return new RabbitTemplate(rabbitConnectionFactory());
    }

    /** Management API view of one queue in this vhost (JSON), for depth assertions. */
    public String queueInfo(String queue) {
        return management.get(
                "/api/queues/" + java.net.URLEncoder.encode(vhost, java.nio.charset.StandardCharsets.UTF_8) + "/"
                        + java.net.URLEncoder.encode(queue, java.nio.charset.StandardCharsets.UTF_8));
    }
}
