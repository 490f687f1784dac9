package io.connectspring.demo.e2e.badclient;

import java.io.IOException;
import java.util.Arrays;

import static io.connectspring.demo.e2e.badclient.Messages.greet;
import static io.connectspring.demo.e2e.badclient.Messages.greetStream;

/** The protocols whose requests are enveloped messages, and how each reports an error. */
enum Enveloped {

	/** Connect's streaming protocol, on the server-streaming procedure; errors in the end-of-stream message. */
	CONNECT_STREAM(BadClientIT.GREET_STREAM, "application/connect+proto", "connect-content-encoding") {
		@Override
		String code(Answer answer) {
			return answer.connectEndStreamCode();
		}

		@Override
		byte[] message() {
			return greetStream("Ada", 1);
		}
	},

	/** gRPC, HTTP/2 only; errors in {@code grpc-status}. */
	GRPC(BadClientIT.GREET, "application/grpc", "grpc-encoding") {
		@Override
		boolean servedOver(Transport transport) {
			return transport == Transport.H2C;
		}
	},

	/** gRPC-Web; errors in {@code grpc-status} headers or the trailers frame. */
	GRPC_WEB(BadClientIT.GREET, "application/grpc-web+proto", "grpc-encoding");

	final String path;

	final String contentType;

	final String encodingHeader;

	Enveloped(String path, String contentType, String encodingHeader) {
		this.path = path;
		this.contentType = contentType;
		this.encodingHeader = encodingHeader;
	}

	boolean servedOver(Transport transport) {
		return true;
	}

	/** Returns the error code the answer carries, as the Connect spec names codes. */
	String code(Answer answer) {
		return answer.grpcCode();
	}

	/** Returns a valid request message of the procedure. */
	byte[] message() {
		return greet("Ada");
	}

	Answer call(Transport transport, int port, byte[] body, String... headers) throws IOException {
		String[] all = Arrays.copyOf(headers, headers.length + 2);
		all[headers.length] = "te";
		all[headers.length + 1] = "trailers";
		return transport.call(port, BadClientIT.ANSWER, this.path, this.contentType, body, all);
	}

}
