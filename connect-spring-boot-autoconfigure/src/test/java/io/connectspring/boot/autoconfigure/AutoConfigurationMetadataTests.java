package io.connectspring.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigureAfter;
import org.springframework.boot.autoconfigure.AutoConfigureBefore;
import org.springframework.boot.autoconfigure.AutoConfigureOrder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-kept {@code spring-autoconfigure-metadata.properties} says what the annotations say, entry for entry, as
 * {@code spring-boot-autoconfigure-processor} would write it: a missing ordering entry would let Spring Boot sort an
 * auto-configuration wrongly, and a wrong condition entry would drop it.
 */
class AutoConfigurationMetadataTests {

	private static final String IMPORTS = "META-INF/spring/"
			+ "org.springframework.boot.autoconfigure.AutoConfiguration.imports";

	private static final String METADATA = "META-INF/spring-autoconfigure-metadata.properties";

	private static final String PACKAGE = "io.connectspring.";

	@Test
	void everyAutoConfigurationHasExactlyTheEntriesItsAnnotationsGiveIt() throws IOException {
		Map<String, String> expected = new TreeMap<>();
		for (String name : autoConfigurations()) {
			expected.putAll(entries(ClassUtils.resolveClassName(name, getClass().getClassLoader())));
		}
		assertThat(expected).hasSize(34);
		assertThat(metadata()).isEqualTo(expected);
	}

	@Test
	void theHealthServiceIsSortedAfterTheRouterItNeedsAndActuatorsHealthEndpoint() throws IOException {
		String health = "org.springframework.boot.health.autoconfigure.actuate.endpoint."
				+ "HealthEndpointAutoConfiguration";
		assertThat(metadata()).containsEntry(
				"io.connectspring.boot.autoconfigure.ConnectServerHealthAutoConfiguration.AutoConfigureAfter",
				"io.connectspring.boot.autoconfigure.ConnectServerAutoConfiguration," + health);
	}

	/** The entries of one auto-configuration, each list value sorted. */
	private static Map<String, String> entries(Class<?> type) {
		MergedAnnotations annotations = MergedAnnotations.from(type);
		Map<String, String> entries = new TreeMap<>();
		String name = type.getName();
		entries.put(name, "");
		// @AutoConfiguration's after/afterName and before/beforeName are aliases of these two.
		put(entries, name + ".AutoConfigureAfter",
				values(annotations.get(AutoConfigureAfter.class), "value", "name"));
		put(entries, name + ".AutoConfigureBefore",
				values(annotations.get(AutoConfigureBefore.class), "value", "name"));
		MergedAnnotation<AutoConfigureOrder> order = annotations.get(AutoConfigureOrder.class);
		if (order.isPresent()) {
			entries.put(name + ".AutoConfigureOrder", String.valueOf(order.getInt("value")));
		}
		put(entries, name + ".ConditionalOnClass", values(annotations.get(ConditionalOnClass.class), "value", "name"));
		put(entries, name + ".ConditionalOnBean", beanTypes(annotations.get(ConditionalOnBean.class)));
		put(entries, name + ".ConditionalOnSingleCandidate",
				beanTypes(annotations.get(ConditionalOnSingleCandidate.class)));
		MergedAnnotation<ConditionalOnWebApplication> web = annotations.get(ConditionalOnWebApplication.class);
		if (web.isPresent()) {
			ConditionalOnWebApplication.Type webType = web.getEnum("type", ConditionalOnWebApplication.Type.class);
			if (webType != ConditionalOnWebApplication.Type.ANY) {
				entries.put(name + ".ConditionalOnWebApplication", webType.name());
			}
		}
		return entries;
	}

	/** The processor records bean types only for a condition that names no bean. */
	private static List<String> beanTypes(MergedAnnotation<?> condition) {
		if (condition.isPresent() && condition.getStringArray("name").length > 0) {
			return List.of();
		}
		return values(condition, "value", "type");
	}

	private static List<String> values(MergedAnnotation<?> annotation, String... attributes) {
		if (!annotation.isPresent()) {
			return List.of();
		}
		return Arrays.stream(attributes)
			.flatMap((attribute) -> Stream.of(annotation.getStringArray(attribute)))
			.toList();
	}

	private static void put(Map<String, String> entries, String key, List<String> values) {
		if (!values.isEmpty()) {
			entries.put(key, values.stream().sorted().distinct().collect(Collectors.joining(",")));
		}
	}

	private static List<String> autoConfigurations() throws IOException {
		try (InputStream in = resource(IMPORTS)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.map(String::strip)
				.filter((line) -> line.startsWith(PACKAGE))
				.toList();
		}
	}

	/** The metadata file's entries, each list value sorted. */
	private static Map<String, String> metadata() throws IOException {
		Properties properties = new Properties();
		try (InputStream in = resource(METADATA)) {
			properties.load(in);
		}
		Map<String, String> entries = new TreeMap<>();
		for (String key : properties.stringPropertyNames()) {
			String value = properties.getProperty(key);
			entries.put(key, value);
			put(entries, key, value.isEmpty() ? List.of() : List.of(value.split(",")));
		}
		return entries;
	}

	private static InputStream resource(String name) throws IOException {
		// The module's own copy (a directory on the test class path), not a jar's: Spring Boot's jars have them too.
		Enumeration<URL> urls = AutoConfigurationMetadataTests.class.getClassLoader().getResources(name);
		while (urls.hasMoreElements()) {
			URL url = urls.nextElement();
			if (url.getProtocol().equals("file")) {
				return url.openStream();
			}
		}
		throw new IllegalStateException("no " + name + " in this module's classes");
	}

}
