package io.connectspring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of Connect clients, under {@code connect.client.<name>.*}: one transport per name.
 */
@ConfigurationProperties("connect")
public class ConnectClientProperties {

	/** Clients by name; each becomes a transport bean that generated clients can be built on. */
	private final Map<String, Client> client = new LinkedHashMap<>();

	public Map<String, Client> getClient() {
		return this.client;
	}

	/** Settings of one client. */
	public static class Client {

		/** Base URL of the server, such as "https://api.example.com" or "http://localhost:8080/rpc". */
		private @Nullable String baseUrl;

		/** Wire protocol: "connect", "grpc" (which needs HTTP/2) or "grpc-web". */
		private String protocol = "connect";

		/**
		 * HTTP version: "1.1", "h2c" (HTTP/2 over cleartext with prior knowledge) or "h2" (HTTP/2 over TLS); unset is
		 * 1.1, or for the grpc protocol h2c or h2 by the base URL's scheme.
		 */
		private @Nullable String httpVersion;

		/** Codec of messages: "proto" or "json". */
		private String codec = "proto";

		/** Compression algorithm of request messages, such as "gzip"; unset sends them uncompressed. */
		private @Nullable String sendCompression;

		/** Smallest request message that is compressed with the send compression; smaller ones are sent as they are. */
		private DataSize minRequestSize = DataSize.ofKilobytes(1);

		/**
		 * Compression algorithms accepted in responses, most preferred first; unset accepts the built-in ones whose
		 * library is present: "gzip", then "br" (with Brotli4j) and "zstd" (with zstd-jni). More come from Compression
		 * beans.
		 */
		private @Nullable List<String> acceptCompressions;

		/** Timeout of each call unless the call sets its own; unset waits without limit. */
		private @Nullable Duration timeout;

		/**
		 * Whether calls made while a service serves a call with a deadline end at that deadline when it comes before
		 * their own timeout.
		 */
		private boolean inheritDeadline = true;

		/** Largest response message accepted, checked on the length prefix and again after decompression. */
		private @Nullable DataSize maxReadMessageSize;

		/** Largest request message sent, before compression. */
		private @Nullable DataSize maxSendMessageSize;

		/**
		 * Whether unary calls of procedures without side effects are sent as HTTP GET requests; the connect protocol
		 * only.
		 */
		private boolean getRequests;

		/** Headers sent with every call. */
		private Map<String, String> headers = new LinkedHashMap<>();

		/**
		 * Names of ConnectInterceptor beans for this client only; beans named by any client apply only to the clients
		 * that name them.
		 */
		private List<String> interceptors = new ArrayList<>();

		/** TLS of an https base URL. */
		private final Ssl ssl = new Ssl();

		public @Nullable String getBaseUrl() {
			return this.baseUrl;
		}

		public void setBaseUrl(@Nullable String baseUrl) {
			this.baseUrl = baseUrl;
		}

		public String getProtocol() {
			return this.protocol;
		}

		public void setProtocol(String protocol) {
			this.protocol = protocol;
		}

		public @Nullable String getHttpVersion() {
			return this.httpVersion;
		}

		public void setHttpVersion(@Nullable String httpVersion) {
			this.httpVersion = httpVersion;
		}

		public String getCodec() {
			return this.codec;
		}

		public void setCodec(String codec) {
			this.codec = codec;
		}

		public @Nullable String getSendCompression() {
			return this.sendCompression;
		}

		public void setSendCompression(@Nullable String sendCompression) {
			this.sendCompression = sendCompression;
		}

		public DataSize getMinRequestSize() {
			return this.minRequestSize;
		}

		public void setMinRequestSize(DataSize minRequestSize) {
			this.minRequestSize = minRequestSize;
		}

		public @Nullable List<String> getAcceptCompressions() {
			return this.acceptCompressions;
		}

		public void setAcceptCompressions(@Nullable List<String> acceptCompressions) {
			this.acceptCompressions = acceptCompressions;
		}

		public @Nullable Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(@Nullable Duration timeout) {
			this.timeout = timeout;
		}

		public boolean isInheritDeadline() {
			return this.inheritDeadline;
		}

		public void setInheritDeadline(boolean inheritDeadline) {
			this.inheritDeadline = inheritDeadline;
		}

		public @Nullable DataSize getMaxReadMessageSize() {
			return this.maxReadMessageSize;
		}

		public void setMaxReadMessageSize(@Nullable DataSize maxReadMessageSize) {
			this.maxReadMessageSize = maxReadMessageSize;
		}

		public @Nullable DataSize getMaxSendMessageSize() {
			return this.maxSendMessageSize;
		}

		public void setMaxSendMessageSize(@Nullable DataSize maxSendMessageSize) {
			this.maxSendMessageSize = maxSendMessageSize;
		}

		public boolean isGetRequests() {
			return this.getRequests;
		}

		public void setGetRequests(boolean getRequests) {
			this.getRequests = getRequests;
		}

		public Map<String, String> getHeaders() {
			return this.headers;
		}

		public void setHeaders(Map<String, String> headers) {
			this.headers = headers;
		}

		public List<String> getInterceptors() {
			return this.interceptors;
		}

		public void setInterceptors(List<String> interceptors) {
			this.interceptors = interceptors;
		}

		public Ssl getSsl() {
			return this.ssl;
		}

	}

	/** TLS settings of one client. */
	public static class Ssl {

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) whose trust material verifies the server and whose key
		 * material, if any, is the client certificate; unset uses the JVM's default trust store.
		 */
		private @Nullable String bundle;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

	}

}
