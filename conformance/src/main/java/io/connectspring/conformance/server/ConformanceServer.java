package io.connectspring.conformance.server;

import io.connectspring.conformance.SizeDelimited;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import connectrpc.conformance.v1.ServerCompat.ServerCompatRequest;
import connectrpc.conformance.v1.ServerCompat.ServerCompatResponse;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The server under test. Reads one {@code ServerCompatRequest} from standard input, starts this application on an
 * ephemeral loopback port as the request asks (TLS from its certificate and key through an SSL bundle, client
 * certificates required when it names one, the message receive limit), writes the {@code ServerCompatResponse} to
 * standard output and serves until it is stopped. Everything else it prints goes to standard error.
 */
@SpringBootApplication
public class ConformanceServer {

	private static final String BUNDLE = "conformance";

	public static void main(String[] args) throws IOException {
		PrintStream protocol = System.out;
		System.setOut(System.err);
		ServerCompatRequest request = SizeDelimited.read(System.in, ServerCompatRequest.parser());
		if (request == null) {
			throw new IOException("standard input ended before a ServerCompatRequest");
		}
		SpringApplication application = new SpringApplication(ConformanceServer.class);
		application.setBannerMode(Banner.Mode.OFF);
		application.setDefaultProperties(properties(request));
		ConfigurableApplicationContext context = application.run(args);
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		ServerCompatResponse.Builder response = ServerCompatResponse.newBuilder().setHost("127.0.0.1").setPort(port);
		if (request.getUseTls()) {
			response.setPemCert(request.getServerCreds().getCert());
		}
		SizeDelimited.write(protocol, response.build());
	}

	/** Returns the Spring Boot properties that start the server as the runner asks. */
	static Map<String, Object> properties(ServerCompatRequest request) {
		Map<String, Object> properties = new LinkedHashMap<>();
		// Warnings and errors only: the runner shows what a server prints, for every server it starts.
		properties.put("logging.level.root", "WARN");
		properties.put("server.address", "127.0.0.1");
		properties.put("server.port", "0");
		// HTTP/1.1 and HTTP/2 on one port: h2c by prior knowledge in clear text, ALPN over TLS.
		properties.put("server.http2.enabled", "true");
		if (request.getUseTls()) {
			String pem = "spring.ssl.bundle.pem." + BUNDLE;
			properties.put(pem + ".keystore.certificate", utf8(request.getServerCreds().getCert().toByteArray()));
			properties.put(pem + ".keystore.private-key", utf8(request.getServerCreds().getKey().toByteArray()));
			properties.put("server.ssl.bundle", BUNDLE);
			if (!request.getClientTlsCert().isEmpty()) {
				properties.put(pem + ".truststore.certificate", utf8(request.getClientTlsCert().toByteArray()));
				properties.put("server.ssl.client-auth", "need");
			}
		}
		if (request.getMessageReceiveLimit() > 0) {
			properties.put("connect.server.max-request-message-size", request.getMessageReceiveLimit() + "B");
		}
		return properties;
	}

	private static String utf8(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
